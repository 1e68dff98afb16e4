package dev.loupe.core.layer;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.text.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The layers a layer method should run at, as the user wrote them: one name ({@code layer4},
 * {@code auto}), several names ({@code layer3,layer4}: one map per layer and their combination),
 * or a {@link LayerGroup} ({@code all-conv}: a layer grid). Parsing checks only the spelling of
 * the list; {@link #resolve} checks the names against a model.
 */
@Stable
public final class LayerChoice {

    /** How the layers' maps are used. */
    public enum Kind {
        /** One layer: the method's usual output. */
        SINGLE,
        /** Several named layers: a map per layer and their combination. */
        SEVERAL,
        /** A group: a map per layer and a grid figure. */
        GROUP
    }

    /** A problem with item {@code index} of the list, or with the whole list when it is -1. */
    public record Problem(int index, String message) {
    }

    private final List<String> names;
    private final LayerGroup group;

    private LayerChoice(List<String> names, LayerGroup group) {
        this.names = List.copyOf(names);
        this.group = group;
    }

    /** Splits {@code "layer3, layer4"} at commas (layer paths never hold one) and parses the items. */
    public static LayerChoice parse(String text) {
        return parse(split(text));
    }

    public static List<String> split(String text) {
        return Stream.of(text.split(",", -1)).map(String::strip).toList();
    }

    /** @throws IllegalArgumentException naming every problem of {@code items} (see {@link #problems}) */
    public static LayerChoice parse(List<String> items) {
        List<Problem> problems = problems(items);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.stream().map(Problem::message).toList()));
        }
        Optional<LayerGroup> group = items.size() == 1 ? LayerGroup.byId(items.get(0)) : Optional.empty();
        if (group.isPresent()) {
            return new LayerChoice(List.of(group.get().id()), group.get());
        }
        return new LayerChoice(items.stream().map(String::strip).toList(), null);
    }

    /**
     * What is wrong with a list of layer names, item by item: empty names, names listed twice,
     * and a group name next to other names (a group is a whole selection of its own).
     */
    public static List<Problem> problems(List<String> items) {
        List<Problem> problems = new ArrayList<>();
        if (items.isEmpty()) {
            problems.add(new Problem(-1, "no layer named: give a layer name, several, or one of "
                    + String.join(", ", groupIds())));
            return problems;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i) == null ? "" : items.get(i).strip();
            if (name.isEmpty()) {
                problems.add(new Problem(i, "empty layer name"));
            } else if (items.size() > 1 && LayerGroup.byId(name).isPresent()) {
                problems.add(new Problem(i, "'" + name + "' selects a whole group of layers; give it alone,"
                        + " not in a list"));
            } else if (!seen.add(name)) {
                problems.add(new Problem(i, "layer '" + name + "' is listed twice"));
            }
        }
        return problems;
    }

    public Kind kind() {
        if (group != null) {
            return Kind.GROUP;
        }
        return names.size() == 1 ? Kind.SINGLE : Kind.SEVERAL;
    }

    /** The names as written ({@code [all-conv]} for a group). */
    public List<String> names() {
        return names;
    }

    public Optional<LayerGroup> group() {
        return Optional.ofNullable(group);
    }

    /**
     * The layers, in the order written (a group: module order). Unknown names are all reported
     * at once with "did you mean"; a name that {@code auto} also picks is an error, as its maps
     * would be counted twice.
     *
     * @throws UnknownLayerException for names the model does not have
     * @throws LoupeException (input) for a group that selects nothing or a layer chosen twice
     */
    public List<LayerInfo> resolve(List<LayerInfo> layers) {
        LayerSelector selector = new LayerSelector(layers);
        if (group != null) {
            return group.select(layers);
        }
        if (names.size() == 1) {
            return List.of(selector.select(names.get(0)));
        }
        List<String> unknown = names.stream().filter(n -> !LayerSelector.AUTO.equals(n)
                && layers.stream().noneMatch(l -> l.path().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw unknown(unknown, layers);
        }
        Map<String, LayerInfo> chosen = new LinkedHashMap<>();
        for (String name : names) {
            LayerInfo layer = selector.select(name);
            if (chosen.put(layer.path(), layer) != null) {
                throw new LoupeException(ErrorKind.INPUT, "'" + LayerSelector.AUTO + "' picks '" + layer.path()
                        + "', which the layer list " + this + " also names; list each layer once.");
            }
        }
        return List.copyOf(chosen.values());
    }

    private UnknownLayerException unknown(List<String> unknown, List<LayerInfo> layers) {
        List<String> candidates = new ArrayList<>(layers.stream().map(LayerInfo::path).toList());
        candidates.addAll(groupIds());
        StringBuilder message = new StringBuilder("The layer list " + this + " names ");
        List<String> parts = new ArrayList<>();
        for (String name : unknown) {
            String hint = Suggestions.didYouMean(name, candidates);
            parts.add("'" + name + "', which the model does not have." + hint);
        }
        message.append(String.join(" It also names ", parts));
        message.append(" Run 'loupe layers --model <file>' to list the layers.");
        return new UnknownLayerException(unknown.get(0), Suggestions.closest(unknown.get(0), candidates, 5),
                message.toString());
    }

    private static List<String> groupIds() {
        return Stream.of(LayerGroup.values()).map(LayerGroup::id).toList();
    }

    /** As written: {@code layer3,layer4}, {@code all-conv}. */
    @Override
    public String toString() {
        return String.join(",", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerChoice other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}

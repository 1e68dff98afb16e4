package dev.loupe.core.explain;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.stability.Stable;
import dev.loupe.core.text.Suggestions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Class names in class-index order; empty when the user gave no labels file. */
@Stable
public final class Labels {

    private final List<String> names;
    private final Map<String, Integer> indexByName = new HashMap<>();

    public Labels(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            indexByName.putIfAbsent(names.get(i), i);
        }
    }

    public static Labels none() {
        return new Labels(List.of());
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public int size() {
        return names.size();
    }

    public Optional<String> name(int index) {
        return index >= 0 && index < names.size() ? Optional.of(names.get(index)) : Optional.empty();
    }

    /** The index of {@code label}; fails with close labels when there is none. */
    public int indexOf(String label) {
        if (names.isEmpty()) {
            throw new LoupeException(ErrorKind.USAGE, "Target '" + label + "' is a class name, but no labels"
                    + " file was given; set model.labels (or --labels) or give a class index.");
        }
        Integer index = indexByName.get(label);
        if (index == null) {
            throw new LoupeException(ErrorKind.INPUT, "No class is labelled '" + label + "'."
                    + Suggestions.didYouMean(label, names));
        }
        return index;
    }

    public List<String> names() {
        return names;
    }
}

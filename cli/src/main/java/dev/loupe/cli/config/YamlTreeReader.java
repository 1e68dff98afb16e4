package dev.loupe.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.loupe.cli.config.YamlNode.Entry;
import dev.loupe.cli.config.YamlNode.Mapping;
import dev.loupe.cli.config.YamlNode.Position;
import dev.loupe.cli.config.YamlNode.Scalar;
import dev.loupe.cli.config.YamlNode.Sequence;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree with positions, through Jackson's streaming
 * {@link YAMLParser}. Problems are collected, not thrown: duplicate keys, unknown aliases, bad
 * merge keys, a second document; a syntax error ends the reading.
 *
 * <p>YAML as read here: one document; {@code true}/{@code false} are the only booleans (the YAML
 * 1.1 words {@code yes}, {@code no}, {@code on}, {@code off} stay strings); {@code ~}, {@code null}
 * and an empty plain value mean "no value"; anchors, aliases and merge keys ({@code <<: *base},
 * explicit keys win) are supported.
 */
final class YamlTreeReader {

    /**
     * How many values aliases may add to a file once expanded (each alias counts the values
     * under its anchor): guards against "billion laughs" files.
     */
    static final long MAX_ALIASED_VALUES = 100_000;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private final Path file;
    private final String text;
    private final List<ConfigError> errors;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    /** Values under each mapping and list, itself included; scalars count 1. */
    private final Map<YamlNode, Long> sizes = new IdentityHashMap<>();
    private long aliasedValues;
    private YAMLParser parser;

    private YamlTreeReader(Path file, String text, List<ConfigError> errors) {
        this.file = file;
        this.text = text;
        this.errors = errors;
    }

    /**
     * The document's root node, or null when the file is empty or cannot be parsed (the reason
     * is then in {@code errors}).
     */
    static YamlNode read(Path file, String text, List<ConfigError> errors) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new YamlTreeReader(file, body, errors).read();
    }

    private YamlNode read() {
        try (YAMLParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            YamlNode root = first == null ? null : readValue(first, "");
            if (root == null || root instanceof Scalar s && s.isNull()) {
                errors.add(new ConfigError(file, 1, 1, "", "config file is empty"));
                return null;
            }
            if (p.nextToken() != null) {
                Position at = tokenPosition();
                error(at, "", "only one YAML document is allowed per config file; a second one starts here");
            }
            return root;
        } catch (JsonProcessingException e) {
            errors.add(syntaxError(e));
            return null;
        } catch (IOException e) {
            errors.add(new ConfigError(file, 0, 0, "", "cannot read the config: " + e.getMessage()));
            return null;
        }
    }

    private YamlNode readValue(JsonToken token, String path) throws IOException {
        Position at = tokenPosition();
        if (token == JsonToken.VALUE_STRING && parser.isCurrentAlias()) {
            return resolveAlias(at, path, parser.getText());
        }
        ScalarStart start = token.isScalarValue() ? scalarStart() : null;
        String anchor = start != null ? start.anchor() : parser.getObjectId();
        YamlNode node = switch (token) {
            case START_OBJECT -> readMapping(at, path);
            case START_ARRAY -> readSequence(at, path);
            case VALUE_STRING -> stringScalar(at, start.quoted());
            case VALUE_NUMBER_INT -> intScalar(at);
            case VALUE_NUMBER_FLOAT -> floatScalar(at);
            case VALUE_TRUE -> new Scalar(at, parser.getText(), Boolean.TRUE, false);
            case VALUE_FALSE -> new Scalar(at, parser.getText(), Boolean.FALSE, false);
            case VALUE_NULL -> new Scalar(at, parser.getText(), null, false);
            default -> new Scalar(at, parser.getText(), parser.getText(), false);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private Mapping readMapping(Position at, String path) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT && token != null) {
            String key = parser.currentName();
            Position keyAt = tokenPosition();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = readValue(parser.nextToken(), keyPath);
            Entry previous = entries.get(key);
            if (previous != null) {
                error(keyAt, keyPath, "duplicate key '" + key + "' (first defined at line "
                        + previous.keyPosition().line() + ", column " + previous.keyPosition().column() + ")");
            } else {
                entries.put(key, new Entry(key, keyAt, value));
            }
        }
        Entry mergeEntry = entries.remove("<<");
        if (mergeEntry != null) {
            merge(entries, mergeEntry, path);
        }
        Mapping mapping = new Mapping(at, List.copyOf(entries.values()));
        sizes.put(mapping, 1 + mapping.entries().stream().mapToLong(e -> size(e.value())).sum());
        return mapping;
    }

    /** YAML merge key: keys written in the mapping win, then earlier merged mappings. */
    private void merge(Map<String, Entry> entries, Entry mergeEntry, String path) {
        List<YamlNode> sources = mergeEntry.value() instanceof Sequence s ? s.items() : List.of(mergeEntry.value());
        for (YamlNode source : sources) {
            if (source instanceof Mapping m) {
                for (Entry entry : m.entries()) {
                    entries.putIfAbsent(entry.key(), entry);
                }
            } else if (!(source instanceof Scalar sc && (sc.isNull() || sc.isBroken()))) {
                error(source.position(), path.isEmpty() ? "<<" : path + ".<<",
                        "the merge key '<<' takes a mapping or a list of mappings, such as an alias *defaults");
            }
        }
    }

    private Sequence readSequence(Position at, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            items.add(readValue(token, path + "[" + items.size() + "]"));
        }
        Sequence sequence = new Sequence(at, List.copyOf(items));
        sizes.put(sequence, 1 + items.stream().mapToLong(this::size).sum());
        return sequence;
    }

    private YamlNode resolveAlias(Position at, String path, String name) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            error(at, path, "unknown alias '*" + name + "': no anchor '&" + name + "' is defined before it");
            return new Scalar(at, "*" + name, Scalar.BROKEN, false);
        }
        boolean wasUnderLimit = aliasedValues <= MAX_ALIASED_VALUES;
        aliasedValues += size(target);
        if (aliasedValues > MAX_ALIASED_VALUES) {
            if (wasUnderLimit) {
                error(at, path, "aliases expand to too many values (more than " + MAX_ALIASED_VALUES + ")");
            }
            return new Scalar(at, "*" + name, Scalar.BROKEN, false);
        }
        return target;
    }

    private long size(YamlNode node) {
        return sizes.getOrDefault(node, 1L);
    }

    private Scalar stringScalar(Position at, boolean quoted) throws IOException {
        String value = parser.getText();
        if (value.isEmpty() && !quoted) {
            return new Scalar(at, value, null, false);
        }
        return new Scalar(at, value, value, quoted);
    }

    private Scalar intScalar(Position at) throws IOException {
        String raw = parser.getText();
        try {
            Number n = parser.getNumberValue();
            Object value = n instanceof BigInteger big && big.bitLength() >= Long.SIZE ? big : (Object) n.longValue();
            return new Scalar(at, raw, value, false);
        } catch (IOException | NumberFormatException e) {
            return new Scalar(at, raw, raw, false);
        }
    }

    private Scalar floatScalar(Position at) throws IOException {
        String raw = parser.getText();
        String plain = raw.startsWith("+") ? raw.substring(1) : raw;
        switch (plain.toLowerCase(java.util.Locale.ROOT)) {
            case ".inf":
                return new Scalar(at, raw, Double.POSITIVE_INFINITY, false);
            case "-.inf":
                return new Scalar(at, raw, Double.NEGATIVE_INFINITY, false);
            case ".nan":
                return new Scalar(at, raw, Double.NaN, false);
            default:
                break;
        }
        try {
            return new Scalar(at, raw, parser.getDoubleValue(), false);
        } catch (IOException | NumberFormatException e) {
            return new Scalar(at, raw, raw, false);
        }
    }

    /** A scalar's anchor, if any, and whether it is quoted. */
    private record ScalarStart(String anchor, boolean quoted) {
    }

    /**
     * Jackson neither says how a scalar was written nor gives its anchor; the source text does.
     * The scalar's location is where its node starts, properties ({@code &anchor}, {@code !tag})
     * included.
     */
    private ScalarStart scalarStart() {
        String anchor = null;
        try {
            int i = text.offsetByCodePoints(0, (int) parser.currentTokenLocation().getCharOffset());
            while (i < text.length() && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
                int end = i + 1;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))
                        && ",[]{}".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                if (text.charAt(i) == '&') {
                    anchor = text.substring(i + 1, end);
                }
                i = end;
                while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
            }
            boolean quoted = i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'');
            return new ScalarStart(anchor, quoted);
        } catch (IndexOutOfBoundsException e) {
            return new ScalarStart(anchor, false);
        }
    }

    private Position tokenPosition() {
        return position(parser.currentTokenLocation());
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Position.START;
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    private void error(Position at, String path, String message) {
        errors.add(new ConfigError(file, at.line(), at.column(), path, message));
    }

    /** snakeyaml knows exactly where the problem is; Jackson's own location is the last token. */
    private ConfigError syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                StringBuilder message = new StringBuilder("YAML syntax error: ").append(oneLine(marked.getProblem()));
                Mark context = marked.getContextMark();
                if (marked.getContext() != null && context != null) {
                    message.append(" (").append(oneLine(marked.getContext())).append(" that starts at line ")
                            .append(context.getLine() + 1).append(", column ").append(context.getColumn() + 1).append(')');
                }
                return new ConfigError(file, mark.getLine() + 1, mark.getColumn() + 1, "", message.toString());
            }
        }
        Position at = position(e.getLocation());
        return new ConfigError(file, at.line(), at.column(), "", "YAML syntax error: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

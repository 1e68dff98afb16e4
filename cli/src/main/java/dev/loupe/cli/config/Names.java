package dev.loupe.cli.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Key names, "did you mean" and "got ..." wording shared by the binder and value types. */
final class Names {

    private Names() {
    }

    /** {@code overlayAlpha} -> {@code overlay-alpha}, {@code useGPU} -> {@code use-gpu}, {@code GRAD_CAM} -> {@code grad-cam}. */
    static String kebab(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == ' ') {
                out.append('-');
                continue;
            }
            if (Character.isUpperCase(c) && i > 0) {
                char before = name.charAt(i - 1);
                boolean afterLower = Character.isLowerCase(before) || Character.isDigit(before);
                boolean endsAcronym = Character.isUpperCase(before) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (afterLower || endsAcronym) {
                    out.append('-');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** An enum constant as written in YAML: lower kebab case. */
    static String enumKey(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The candidate a user most likely meant: the same name in another spelling
     * ({@code overlayAlpha}, {@code overlay_alpha}), else the closest within Levenshtein distance
     * 2, else one sharing a prefix of at least 3 characters with it (the whole of the shorter, or
     * 4 or more: {@code overlay} -> {@code overlay-alpha}).
     */
    static Optional<String> suggest(String wrong, List<String> candidates) {
        String normalized = kebab(wrong);
        if (candidates.contains(normalized)) {
            return Optional.of(normalized);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(normalized, candidate);
            if (d <= 2 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        int bestPrefix = 0;
        for (String candidate : candidates) {
            int prefix = commonPrefix(normalized, candidate);
            int shorter = Math.min(normalized.length(), candidate.length());
            if (prefix >= 3 && (prefix == shorter || prefix >= 4) && prefix > bestPrefix) {
                best = candidate;
                bestPrefix = prefix;
            }
        }
        return Optional.ofNullable(best);
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** How a node reads in "got ..." messages: {@code 'abc'}, {@code a list}, {@code no value}. */
    static String describe(YamlNode node) {
        if (node instanceof YamlNode.Mapping) {
            return "a mapping";
        }
        if (node instanceof YamlNode.Sequence) {
            return "a list";
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        if (s.isNull()) {
            return "no value";
        }
        String shown = "'" + s.text() + "'";
        return s.quoted() ? shown + " (a quoted string)" : shown;
    }

    /** How a plain value (see {@link ConfigBinder}) reads in "got ..." messages. */
    static String describe(Object plain) {
        if (plain == null) {
            return "no value";
        }
        if (plain instanceof List<?> list) {
            return "a list of " + list.size() + (list.size() == 1 ? " item" : " items");
        }
        if (plain instanceof Map) {
            return "a mapping";
        }
        return "'" + plain + "'";
    }

    /** {@code 1.0} -> {@code 1}, {@code 0.5} -> {@code 0.5}. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}

package dev.loupe.core.text;

import dev.loupe.core.stability.Internal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" lists for names a user got wrong. */
@Internal
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Up to {@code limit} candidates closest to {@code wrong}: those within an edit distance of
     * a third of the name's length (at least 2), or sharing a prefix or suffix with it.
     */
    public static List<String> closest(String wrong, Collection<String> candidates, int limit) {
        int budget = Math.max(2, wrong.length() / 3);
        return candidates.stream()
                .filter(c -> distance(wrong, c) <= budget || related(wrong, c))
                .sorted(Comparator.comparingInt((String c) -> distance(wrong, c))
                        .thenComparingInt(c -> Math.abs(c.length() - wrong.length()))
                        .thenComparing(c -> c))
                .limit(limit)
                .toList();
    }

    /** A sentence fragment: " Did you mean 'a' or 'b'?" or the empty string. */
    public static String didYouMean(String wrong, Collection<String> candidates) {
        List<String> close = closest(wrong, candidates, 3);
        if (close.isEmpty()) {
            return "";
        }
        return " Did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
    }

    private static boolean related(String wrong, String candidate) {
        if (wrong.length() < 3) {
            return false;
        }
        return candidate.startsWith(wrong) || candidate.endsWith("." + wrong);
    }

    /**
     * Edit distance counting an insertion, deletion, substitution or swap of two neighbouring
     * characters as one edit (optimal string alignment), so {@code features.31} is one edit from
     * {@code features.13}.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

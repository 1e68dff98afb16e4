package dev.loupe.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** One image's classes ranked by softmax probability. */
record Prediction(List<Ranked> top) {

    /** A class with its softmax probability and raw logit. */
    record Ranked(int rank, int classIndex, double probability, double logit) {
    }

    /**
     * Softmax in double, the maximum subtracted first so that no exp overflows (logits of 1000
     * would give inf/inf = NaN otherwise); the {@code k} most probable classes, ties by lower index.
     */
    static Prediction of(float[] logits, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] exp = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp(logits[i] - max);
            sum += exp[i];
        }
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = exp[i] / sum;
        }
        List<Integer> order = IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparingInt(i -> i)).toList();
        List<Ranked> top = new ArrayList<>();
        for (int r = 0; r < Math.min(k, logits.length); r++) {
            int c = order.get(r);
            top.add(new Ranked(r + 1, c, p[c], logits[c]));
        }
        return new Prediction(List.copyOf(top));
    }
}

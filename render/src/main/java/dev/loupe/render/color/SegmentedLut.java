package dev.loupe.render.color;

/**
 * matplotlib's {@code colors._create_lookup_table} for segment data with gamma 1: the same
 * float64 operations in the same order, so the table equals matplotlib's bit for bit.
 */
final class SegmentedLut {

    private SegmentedLut() {}

    /**
     * @param n entries in the table
     * @param segments rows of (x, y0, y1); x starts at 0, ends at 1 and never decreases
     */
    static double[] table(int n, double[][] segments) {
        int m = segments.length;
        double[] x = new double[m];
        double[] y0 = new double[m];
        double[] y1 = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = segments[i][0] * (n - 1);
            y0[i] = segments[i][1];
            y1[i] = segments[i][2];
        }
        double step = 1.0 / (n - 1); // np.linspace(0, 1, n): i * step, last one exactly 1
        double[] lut = new double[n];
        lut[0] = y1[0];
        for (int k = 1; k < n - 1; k++) {
            double xind = (n - 1) * (k * step);
            int ind = searchLeft(x, xind);
            double distance = (xind - x[ind - 1]) / (x[ind] - x[ind - 1]);
            lut[k] = distance * (y0[ind] - y1[ind - 1]) + y1[ind - 1];
        }
        lut[n - 1] = y0[m - 1];
        for (int k = 0; k < n; k++) {
            lut[k] = Math.min(Math.max(lut[k], 0.0), 1.0);
        }
        return lut;
    }

    /** np.searchsorted(x, v, side="left"): the first index whose value is >= v. */
    private static int searchLeft(double[] x, double v) {
        int i = 0;
        while (i < x.length && x[i] < v) {
            i++;
        }
        return i;
    }
}

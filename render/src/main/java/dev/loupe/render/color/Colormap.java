package dev.loupe.render.color;

import dev.loupe.core.stability.Experimental;
import dev.loupe.core.text.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A colour lookup table with matplotlib's lookup rule: {@code v} in [0, 1] picks entry
 * {@code floor(v * N)}, with {@code v == 1} giving the last entry, values below 0 the first,
 * values above 1 the last, and NaN black (matplotlib's transparent "bad" colour, without alpha).
 *
 * <p>{@link #rgb8} is matplotlib's {@code cmap(v, bytes=True)} exactly. {@code jet} is built
 * from its segment data (its float table equals matplotlib's bit for bit, and its bytes are
 * those floats times 255 truncated, as matplotlib does); the other maps are matplotlib's byte
 * tables from {@code colormaps.txt}, their floats {@code byte / 255}. Maps are built once, on
 * first use.
 */
@Experimental
public final class Colormap {

    /** matplotlib's {@code _jet_data}: rows of (x, y0, y1) per channel. */
    private static final double[][] JET_RED = {{0.00, 0, 0}, {0.35, 0, 0}, {0.66, 1, 1}, {0.89, 1, 1}, {1.00, 0.5, 0.5}};
    private static final double[][] JET_GREEN = {
        {0.000, 0, 0}, {0.125, 0, 0}, {0.375, 1, 1}, {0.640, 1, 1}, {0.910, 0, 0}, {1.000, 0, 0}};
    private static final double[][] JET_BLUE = {{0.00, 0.5, 0.5}, {0.11, 1, 1}, {0.34, 1, 1}, {0.65, 0, 0}, {1.00, 0, 0}};

    /** matplotlib's default table size (rcParams["image.lut"]). */
    private static final int N = 256;

    private static final Map<String, Supplier<Colormap>> KNOWN = new LinkedHashMap<>();

    /** The default for signed maps: white at 0, blue below, red above. */
    public static final String DIVERGING = "bwr";

    static {
        KNOWN.put("jet", () -> segmented("jet", JET_RED, JET_GREEN, JET_BLUE));
        for (String name : List.of("viridis", "inferno", "magma", "coolwarm", "gist_earth", "gray", "seismic", "bwr")) {
            KNOWN.put(name, () -> fromBytes(name, tables().get(name)));
        }
    }

    private static Map<String, int[]> tables;

    private static synchronized Map<String, int[]> tables() {
        if (tables == null) {
            tables = ColormapTables.load();
        }
        return tables;
    }

    private static final Map<String, Colormap> BUILT = new ConcurrentHashMap<>();

    private final String name;
    private final double[] red;
    private final double[] green;
    private final double[] blue;
    private final int[] bytes;

    private Colormap(String name, double[] red, double[] green, double[] blue, int[] bytes) {
        this.name = name;
        this.red = red;
        this.green = green;
        this.blue = blue;
        this.bytes = bytes;
    }

    /** matplotlib's {@code (lut * 255).astype(np.uint8)}: float64 product, truncated. */
    private Colormap(String name, double[] red, double[] green, double[] blue) {
        this(name, red, green, blue, truncatedBytes(red, green, blue));
    }

    private static int[] truncatedBytes(double[] red, double[] green, double[] blue) {
        int[] packed = new int[red.length];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = ((int) (red[i] * 255) << 16) | ((int) (green[i] * 255) << 8) | (int) (blue[i] * 255);
        }
        return packed;
    }

    /** A map from packed 0xRRGGBB entries; its floats are {@code byte / 255}. */
    static Colormap fromBytes(String name, int[] packed) {
        if (packed == null) {
            throw new IllegalStateException("colormap '" + name + "' is missing from " + ColormapTables.RESOURCE);
        }
        double[] r = new double[packed.length];
        double[] g = new double[packed.length];
        double[] b = new double[packed.length];
        for (int i = 0; i < packed.length; i++) {
            r[i] = (packed[i] >> 16 & 0xff) / 255.0;
            g[i] = (packed[i] >> 8 & 0xff) / 255.0;
            b[i] = (packed[i] & 0xff) / 255.0;
        }
        return new Colormap(name, r, g, b, packed.clone());
    }

    /** The colormap called {@code name} (matplotlib's spelling, case-sensitive). */
    public static Colormap byName(String name) {
        Supplier<Colormap> maker = KNOWN.get(name);
        if (maker == null) {
            throw new IllegalArgumentException("Unknown colormap '" + name + "'."
                    + Suggestions.didYouMean(name, names()) + " Known colormaps: " + String.join(", ", names()));
        }
        return BUILT.computeIfAbsent(name, n -> maker.get());
    }

    public static Colormap jet() {
        return byName("jet");
    }

    /** The default colormap for signed maps ({@value #DIVERGING}), centred on 0. */
    public static Colormap diverging() {
        return byName(DIVERGING);
    }

    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /** A colormap from segment data, as matplotlib's {@code LinearSegmentedColormap} with N=256. */
    static Colormap segmented(String name, double[][] red, double[][] green, double[][] blue) {
        return new Colormap(name, SegmentedLut.table(N, red), SegmentedLut.table(N, green), SegmentedLut.table(N, blue));
    }

    /** A colormap from explicit rows of (r, g, b) in [0, 1], as matplotlib's {@code ListedColormap}. */
    static Colormap listed(String name, double[][] rows) {
        double[] r = new double[rows.length];
        double[] g = new double[rows.length];
        double[] b = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            r[i] = rows[i][0];
            g[i] = rows[i][1];
            b[i] = rows[i][2];
        }
        return new Colormap(name, r, g, b);
    }

    public String name() {
        return name;
    }

    /** Number of entries in the table. */
    public int size() {
        return red.length;
    }

    /** The table entry {@code v} maps to, or -1 for NaN. */
    public int index(double v) {
        if (Double.isNaN(v)) {
            return -1;
        }
        int n = size();
        double scaled = v * n; // exact for a float v: n is a power of two
        if (scaled < 0) {
            return 0;
        }
        if (scaled >= n) {
            return n - 1; // v == 1 is in range and gives the last entry, larger values clip there
        }
        return (int) scaled;
    }

    /** The colour of {@code v} as (r, g, b) in [0, 1]. */
    public double[] rgb(double v) {
        int i = index(v);
        return i < 0 ? new double[3] : new double[] {red[i], green[i], blue[i]};
    }

    /** The colour of {@code v} packed as 0xRRGGBB: matplotlib's {@code cmap(v, bytes=True)}; NaN black. */
    public int rgb8(double v) {
        int i = index(v);
        return i < 0 ? 0 : bytes[i];
    }

    /** Red of table entry {@code i}, in [0, 1]. */
    public double red(int i) {
        return red[i];
    }

    /** Green of table entry {@code i}, in [0, 1]. */
    public double green(int i) {
        return green[i];
    }

    /** Blue of table entry {@code i}, in [0, 1]. */
    public double blue(int i) {
        return blue[i];
    }

    @Override
    public String toString() {
        return "Colormap[" + name + "]";
    }
}

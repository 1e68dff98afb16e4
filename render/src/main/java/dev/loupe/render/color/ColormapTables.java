package dev.loupe.render.color;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code colormaps.txt}: matplotlib's 256-entry tables as 8-bit rgb, one map a line
 * ({@code name rrggbb rrggbb ...}), written by {@code make_colormap_tables.py} in the render
 * module's test resources. Bytes, not floats, because {@code cmap(x, bytes=True)} is what a
 * picture made with matplotlib holds.
 */
final class ColormapTables {

    static final String RESOURCE = "colormaps.txt";

    private ColormapTables() {}

    /** Each map's packed 0xRRGGBB entries, in file order. */
    static Map<String, int[]> load() {
        Map<String, int[]> tables = new LinkedHashMap<>();
        try (InputStream in = ColormapTables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + ColormapTables.class);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.strip().split(" ");
                int[] table = new int[fields.length - 1];
                for (int i = 0; i < table.length; i++) {
                    table[i] = Integer.parseInt(fields[i + 1], 16);
                }
                tables.put(fields[0], table);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }
}

package dev.loupe.render.color;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loupe.render.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every colormap against {@code colormap_samples.txt}: matplotlib's {@code cmap(x, bytes=True)}
 * at 0, 1, points between table entries, points outside [0, 1] and random points, written by
 * make_colormap_tables.py separately from the tables Colormap loads.
 */
class ColormapSamplesTest {

    @Test
    void everyMapGivesMatplotlibsBytesAtEverySample() throws IOException {
        List<String> lines = Files.readAllLines(Golden.path("colormap_samples.txt"));
        Set<String> seen = new HashSet<>();
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ");
            double x = Double.parseDouble(f[1]); // Python's repr: the same double
            int expected = Integer.parseInt(f[2]) << 16 | Integer.parseInt(f[3]) << 8 | Integer.parseInt(f[4]);
            Colormap map = Colormap.byName(f[0]);
            assertEquals(String.format("%06x", expected), String.format("%06x", map.rgb8(x)), f[0] + " at " + f[1]);
            seen.add(f[0]);
            checked++;
        }
        assertEquals(Set.copyOf(Colormap.names()), seen, "every map is sampled");
        assertEquals(9 * 34, checked);
    }

    @Test
    void tablesHave256EntriesAndFloatsMatchTheirBytes() {
        for (String name : Colormap.names()) {
            Colormap map = Colormap.byName(name);
            assertEquals(256, map.size(), name);
            if (!name.equals("jet")) {
                int last = map.rgb8(1.0);
                assertEquals((last >> 16) / 255.0, map.red(255), name);
            }
        }
    }
}

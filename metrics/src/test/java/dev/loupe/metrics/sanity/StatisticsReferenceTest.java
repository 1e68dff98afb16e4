package dev.loupe.metrics.sanity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spearman and SSIM against scipy.stats.spearmanr and a numpy SSIM written from Wang et al. 2004
 * (fixtures/make_sanity_references.py -> sanity-references.txt). Both sides compute in float64
 * from the same float32-representable inputs; tolerance 1e-12 (measured differences ~1e-15).
 */
class StatisticsReferenceTest {

    record Case(String name, int h, int w, double[] a, double[] b, double spearman, double ssim) {
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = StatisticsReferenceTest.class.getResourceAsStream("/sanity-references.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = text.lines().filter(l -> !l.startsWith("#")).toList();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 4) {
            String[] head = lines.get(i).split(" ");
            double[] expect = numbers(lines.get(i + 3));
            cases.add(new Case(head[1], Integer.parseInt(head[2]), Integer.parseInt(head[3]), numbers(lines.get(i + 1)),
                    numbers(lines.get(i + 2)), expect[0], expect[1]));
        }
        return cases;
    }

    private static double[] numbers(String line) {
        String[] parts = line.split(" ");
        return Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void matchScipyAndTheNumpySsim() throws IOException {
        List<Case> cases = cases();
        assertEquals(6, cases.size());
        for (Case c : cases) {
            assertEquals(c.spearman(), SpearmanCorrelation.of(c.a(), c.b()), 1e-12, c.name() + " spearman");
            assertEquals(c.ssim(), Ssim.of(c.a(), c.b(), c.h(), c.w()), 1e-12, c.name() + " ssim");
        }
    }

    @Test
    void tiesShareTheirAverageRank() {
        assertArrayEquals(new double[] {1.5, 3, 1.5, 5, 5, 5}, SpearmanCorrelation.ranks(new double[] {0, 2, 0, 7, 7, 7}));
    }

    @Test
    void knownAnswers() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5};
        double[] monotone = Arrays.stream(x).map(v -> Math.exp(v)).toArray();
        assertEquals(1.0, SpearmanCorrelation.of(x, monotone), 1e-15, "a monotone transform keeps every rank");
        assertTrue(Double.isNaN(SpearmanCorrelation.of(x, new double[9])), "constant input: undefined");
        assertEquals(1.0, Ssim.of(MapComparison.unit(x), MapComparison.unit(x), 3, 3), 1e-15, "SSIM of a map with itself");
    }
}

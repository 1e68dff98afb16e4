package dev.loupe.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryReportTest {

    /** 21 samples, every 10 explanations, RSS = base + growth * explanations. */
    private static MemoryReport series(double growthKiB, double jumpBeforeHalf) {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            long n = i * 10L;
            long rss = (long) (100_000 + growthKiB * n + (i < 3 ? 0 : jumpBeforeHalf));
            samples.add(new MemorySample(n, n * 0.01, rss, rss + 500, 20_000, 60_000, 30_000));
        }
        return new MemoryReport("m", 200, 10, 1, 2.0, samples);
    }

    @Test
    void aFlatSeriesIsFlat() {
        MemoryReport r = series(0, 0);
        assertThat(r.rssSlope()).isZero();
        assertThat(r.firstWindowRssKiB()).isEqualTo(100_000);
        assertThat(r.lastWindowRssKiB()).isEqualTo(100_000);
        assertThat(r.peakHwmKiB()).isEqualTo(100_500);
        assertThat(r.flat()).isTrue();
        assertThat(r.verdict()).isEqualTo("flat");
    }

    @Test
    void aLeakShowsAsItsSlope() {
        MemoryReport r = series(75, 0); // a 75 KiB tensor kept per explanation
        assertThat(r.rssSlope()).isCloseTo(75, within(1e-6));
        assertThat(r.rssSlopeSecondHalf()).isCloseTo(75, within(1e-6));
        assertThat(r.nativeSlopeSecondHalf()).isCloseTo(75, within(1e-6));
        assertThat(r.heapUsedSlopeSecondHalf()).isZero();
        // windows: first 2 samples (0, 10) and last 2 (190, 200)
        assertThat(r.firstWindowRssKiB()).isEqualTo(100_000 + 75 * 5);
        assertThat(r.lastWindowRssKiB()).isEqualTo(100_000 + 75 * 195);
        assertThat(r.flat()).isFalse();
        assertThat(r.verdict()).isEqualTo("growing");
    }

    @Test
    void slowAllocatorDriftBelowTheThresholdIsFlat() {
        assertThat(series(2, 0).flat()).isTrue();
        assertThat(series(MemoryReport.FLAT_KIB_PER_EXPLANATION + 1, 0).flat()).isFalse();
    }

    @Test
    void anEarlyStepIsNotALeak() {
        // allocator pools and caches grow once, early, then stay
        MemoryReport r = series(0, 40_000);
        assertThat(r.rssSlope()).isPositive();
        assertThat(r.rssSlopeSecondHalf()).isZero();
        assertThat(r.flat()).isTrue();
    }

    @Test
    void aShortRunIsNotJudged() {
        List<MemorySample> samples = List.of(new MemorySample(0, 0, 100, 100, 1, 1, 1),
                new MemorySample(20, 1, 200, 200, 1, 1, 1));
        assertThat(new MemoryReport("m", 20, 10, 1, 1, samples).verdict()).startsWith("too few explanations");
        List<MemorySample> noRss = List.of(new MemorySample(0, 0, -1, -1, 1, 1, 1));
        assertThat(new MemoryReport("m", 1000, 10, 1, 1, noRss).verdict()).startsWith("unknown");
    }

    @Test
    void nativeIsRssLessWhatTheJvmCommitted() {
        assertThat(new MemorySample(0, 0, 100, 100, 1, 30, 20).nativeKiB()).isEqualTo(50);
        assertThat(new MemorySample(0, 0, -1, -1, 1, 30, 20).nativeKiB()).isEqualTo(-1);
    }
}

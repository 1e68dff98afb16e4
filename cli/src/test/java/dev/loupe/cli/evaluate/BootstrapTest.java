package dev.loupe.cli.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void theIntervalOfManyNormalValuesIsCloseToTheNormalOne() {
        // 400 values with mean 0 and sd 1 (a fixed sample): the interval is about +-1.96 / sqrt(400) = +-0.098
        java.util.Random random = new java.util.Random(1);
        double[] v = new double[400];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
            sum += v[i];
        }
        double mean = sum / v.length;
        double sd = 0;
        for (double d : v) {
            sd += (d - mean) * (d - mean);
        }
        double half = 1.96 * Math.sqrt(sd / (v.length - 1)) / Math.sqrt(v.length);
        Bootstrap ci = Bootstrap.of(v, 0);
        assertThat(ci.low()).isCloseTo(mean - half, within(0.015));
        assertThat(ci.high()).isCloseTo(mean + half, within(0.015));
    }

    @Test
    void oneValueIsItsOwnIntervalAndNoneIsUndefined() {
        assertThat(Bootstrap.of(new double[] {0.3}, 1)).isEqualTo(new Bootstrap(0.3, 0.3));
        assertThat(Double.isNaN(Bootstrap.of(new double[0], 1).low())).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] v = {0, 1, 1, 0, 1};
        assertThat(Bootstrap.of(v, 9)).isEqualTo(Bootstrap.of(v, 9));
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        assertThat(Bootstrap.percentile(new double[] {0, 10}, 0.25)).isEqualTo(2.5);
    }
}

package dev.loupe.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(5, 1, 3)).isEqualTo(3);
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Stats.median(7)).isEqualTo(7);
        assertThat(Stats.median(1, 100, 2, 3, 1000)).isEqualTo(3); // outliers do not move it
        assertThatThrownBy(Stats::median).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void medianDoesNotReorderItsArgument() {
        double[] values = {3, 1, 2};
        Stats.median(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void slopeOfALineIsExact() {
        double[] x = {0, 10, 20, 30};
        double[] y = {5, 25, 45, 65};
        assertThat(Stats.slope(x, y)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void slopeIsTheLeastSquaresFit() {
        // points (0,1) (1,3) (2,2) (3,5): x mean 1.5, y mean 2.75, Sxy = 5.5, Sxx = 5
        assertThat(Stats.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5})).isCloseTo(1.1, within(1e-12));
    }

    @Test
    void flatAndDegenerateSeries() {
        assertThat(Stats.slope(new double[] {1, 2, 3}, new double[] {7, 7, 7})).isZero();
        assertThat(Stats.slope(new double[] {1}, new double[] {7})).isZero();
        assertThat(Stats.slope(new double[] {2, 2}, new double[] {1, 9})).isZero();
        assertThatThrownBy(() -> Stats.slope(new double[] {1, 2}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mean() {
        assertThat(Stats.mean(1, 2, 6)).isEqualTo(3);
    }
}

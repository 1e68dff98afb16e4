package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The softmax and ranking behind {@code loupe predict}. */
class PredictionTest {

    @Test
    void softmaxOfSmallLogits() {
        Prediction p = Prediction.of(new float[] {1f, 2f, 3f}, 3);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(p.top()).extracting(Prediction.Ranked::classIndex).containsExactly(2, 1, 0);
        assertThat(p.top().get(0).probability()).isCloseTo(Math.exp(3) / z, within(1e-15));
        assertThat(p.top().get(2).logit()).isEqualTo(1.0);
    }

    /** Without subtracting the maximum, exp(1000) is infinite and every probability NaN. */
    @Test
    void hugeLogitsStayFinite() {
        Prediction p = Prediction.of(new float[] {1000f, 999f, -1000f}, 3);
        assertThat(p.top().get(0).probability()).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
        assertThat(p.top().get(2).probability()).isEqualTo(0.0);
        assertThat(p.top().stream().mapToDouble(Prediction.Ranked::probability).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void kIsCappedAtTheClassCountAndTiesGoToTheLowerIndex() {
        Prediction p = Prediction.of(new float[] {0.5f, 0.5f}, 5);
        assertThat(p.top()).hasSize(2);
        assertThat(p.top()).extracting(Prediction.Ranked::classIndex).containsExactly(0, 1);
        assertThat(p.top()).extracting(Prediction.Ranked::rank).containsExactly(1, 2);
    }
}

package dev.loupe.metrics.faithfulness;

import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.stability.Internal;

/** {@code insertion}: the area under the target's score as the most relevant pixels are inserted first; higher is better. */
@Internal
public final class InsertionProvider extends PixelSweepProvider {

    public InsertionProvider() {
        super(true, "blur");
    }

    @Override
    public String name() {
        return "insertion";
    }

    @Override
    public String description() {
        return "Insertion AUC (Petsiuk 2018): softmax probability of the target as pixels are inserted into a blurred"
                + " image in map order; higher is better.";
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.HIGHER_IS_BETTER;
    }
}

package dev.loupe.metrics.faithfulness;

import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.stability.Internal;

/** {@code deletion}: the area under the target's score as the most relevant pixels are removed first; lower is better. */
@Internal
public final class DeletionProvider extends PixelSweepProvider {

    public DeletionProvider() {
        super(false, "zeros");
    }

    @Override
    public String name() {
        return "deletion";
    }

    @Override
    public String description() {
        return "Deletion AUC (Petsiuk 2018): softmax probability of the target as pixels are removed in map order;"
                + " lower is better.";
    }

    @Override
    public MetricDirection direction() {
        return MetricDirection.LOWER_IS_BETTER;
    }
}

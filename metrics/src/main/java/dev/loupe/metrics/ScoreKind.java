package dev.loupe.metrics;

import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.stability.Internal;
import java.util.List;

/**
 * What a perturbation curve tracks for the explained class c: its softmax probability (the
 * default, as in Petsiuk et al. 2018 and Rong et al. 2022) or its raw logit.
 */
@Internal
public enum ScoreKind {
    PROBABILITY("softmax probability of the target"),
    LOGIT("logit of the target");

    public static final String PARAMETER = "score";

    private final String label;

    ScoreKind(String label) {
        this.label = label;
    }

    /** The y-axis label of curves. */
    public String label() {
        return label;
    }

    public static ScoreKind parse(String text) {
        return text.equals("logit") ? LOGIT : PROBABILITY;
    }

    public static ParameterDef parameter() {
        return ParameterDef.choice(PARAMETER, "probability", List.of("probability", "logit"),
                "what the curve tracks for the explained class: its softmax probability (default) or its logit");
    }

    /** This score of class {@code target} from one row of logits, in double. */
    public double of(float[] logits, int offset, int classes, int target) {
        if (this == LOGIT) {
            return logits[offset + target];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(logits[offset + k] - max);
        }
        return Math.exp(logits[offset + target] - max) / sum;
    }
}

package dev.loupe.core.model;

import dev.loupe.core.stability.Experimental;
import java.util.List;

/**
 * Write access to a loaded model's trainable parameters, for the model-randomisation sanity
 * check (Adebayo et al. 2018). Offered by models with {@link Capability#PARAMETER_RANDOMIZATION}.
 *
 * <p>Randomising changes the shared model in place: no other thread may use the model until the
 * returned edit is closed, which restores every original value exactly.
 */
@Experimental
public interface ModelParameters {

    /**
     * The layers that own trainable parameters (weights, biases, batch-norm scale and shift; not
     * running statistics), in execution order from the input to the output. Cascading
     * randomisation walks this list from the end.
     */
    List<String> layers();

    /**
     * Replaces every trainable parameter tensor of the given layers with values drawn from a
     * Gaussian with that tensor's own mean and standard deviation (so scales stay plausible),
     * from a generator seeded with {@code seed}: the same seed gives the same values.
     *
     * @throws IllegalArgumentException naming the layer when one is not in {@link #layers()}
     */
    ParameterEdit randomize(List<String> layers, long seed);

    /** An in-place change to the parameters; closing it puts the original values back. */
    interface ParameterEdit extends AutoCloseable {
        @Override
        void close();
    }
}

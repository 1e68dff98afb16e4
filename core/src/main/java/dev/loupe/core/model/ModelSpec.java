package dev.loupe.core.model;

import dev.loupe.core.stability.Stable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to open: the model file, the device, and the input shape {@code (C, H, W)} the model is
 * fed (used to report layer output shapes). {@code options} carries backend-specific settings.
 */
@Stable
public record ModelSpec(Path path, Device device, long[] inputShape, Map<String, String> options) {

    public ModelSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(device, "device");
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("input shape must be (C, H, W), got " + inputShape.length + " values");
        }
        inputShape = inputShape.clone();
        options = Map.copyOf(options);
    }

    public static ModelSpec of(Path path, long channels, long height, long width) {
        return new ModelSpec(path, Device.CPU, new long[] {channels, height, width}, Map.of());
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }
}

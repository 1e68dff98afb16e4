package dev.loupe.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;

/**
 * Loads the PyTorch engine, offline. DJL downloads natives when it finds none on the class path;
 * Loupe never downloads at run time, so the offline switch is set here, before DJL's first use,
 * and not left to the caller.
 */
final class DjlEngine {

    private DjlEngine() {
    }

    static synchronized Engine pytorch() {
        System.setProperty("ai.djl.offline", "true");
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new LoupeException(ErrorKind.INTERNAL, "Could not load the PyTorch engine (libtorch) offline: "
                    + e.getMessage() + ". The native jar ai.djl.pytorch:pytorch-native-cpu (or a CUDA one) must be"
                    + " on the class path.", e);
        }
    }

    static Device device(dev.loupe.core.model.Device wanted) {
        Engine engine = pytorch();
        boolean hasGpu = engine.getGpuCount() > 0;
        return switch (wanted) {
            case CPU -> Device.cpu();
            case AUTO -> hasGpu ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (!hasGpu) {
                    throw new LoupeException(ErrorKind.INPUT, "device: gpu was asked for, but libtorch sees no GPU"
                            + " (this build ships CPU natives only; see README.md, GPU). Use device: cpu or auto.");
                }
                yield Device.gpu();
            }
        };
    }
}

package dev.loupe.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the PyTorch engine, offline. DJL downloads natives when it finds none on the class path;
 * Loupe never downloads at run time, so the offline switch is set here, before DJL's first use,
 * and not left to the caller.
 */
final class DjlEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DjlEngine.class);

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

    /** The DJL device for {@code wanted}; {@code gpu:N} must be one libtorch sees. */
    static Device device(dev.loupe.core.model.Device wanted) {
        int gpus = pytorch().getGpuCount();
        return switch (wanted.kind()) {
            case CPU -> Device.cpu();
            case AUTO -> {
                if (gpus > 0) {
                    yield Device.gpu(0);
                }
                LOG.info("device auto: running on the CPU, as libtorch sees no GPU: {}", PytorchNatives.whyNoGpu());
                yield Device.cpu();
            }
            case GPU -> {
                if (wanted.index() >= gpus) {
                    throw new LoupeException(ErrorKind.INPUT, noSuchGpu(wanted, gpus));
                }
                yield Device.gpu(wanted.index());
            }
        };
    }

    private static String noSuchGpu(dev.loupe.core.model.Device wanted, int gpus) {
        String asked = "device " + wanted + " was asked for, but libtorch sees ";
        if (gpus == 0) {
            return asked + "no GPU: " + PytorchNatives.whyNoGpu() + ". Use device cpu or auto.";
        }
        return asked + gpus + (gpus == 1 ? " GPU (gpu:0)" : " GPUs (gpu:0 to gpu:" + (gpus - 1) + ")")
                + ". Use one of those, or auto.";
    }

    /** The Loupe device a DJL device is, for descriptions: {@code cpu} or {@code gpu:N}. */
    static dev.loupe.core.model.Device loupeDevice(Device device) {
        return device.isGpu() ? dev.loupe.core.model.Device.gpu(device.getDeviceId()) : dev.loupe.core.model.Device.CPU;
    }
}

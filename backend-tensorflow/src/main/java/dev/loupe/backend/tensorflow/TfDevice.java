package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Device;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The session configuration for a requested device. TensorFlow places ops itself: the CPU is
 * forced by hiding every GPU, a GPU by showing only that one; which devices a session ended up
 * with is read back from the session, so {@code auto} can say where it runs.
 */
final class TfDevice {

    private static final Logger LOG = LoggerFactory.getLogger(TfDevice.class);

    private final Device requested;
    private final ConfigProto config;
    private volatile String description;

    private TfDevice(Device requested, ConfigProto config) {
        this.requested = requested;
        this.config = config;
    }

    static TfDevice choose(Device device) {
        ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        switch (device.kind()) {
            case CPU -> config.putDeviceCount("GPU", 0);
            // only GPU N is visible to the session; inside it that GPU is /device:GPU:0
            case GPU -> config.setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(String.valueOf(device.index()))
                    .setAllowGrowth(true));
            case AUTO -> config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
            default -> throw new IllegalArgumentException(String.valueOf(device));
        }
        return new TfDevice(device, config.build());
    }

    ConfigProto config() {
        return config;
    }

    /** Checks the session got what was asked for and records where it runs. */
    void confirm(Session session) {
        List<String> types = deviceTypes(session);
        boolean gpu = types.contains("GPU");
        if (requested.isGpu() && !gpu && !types.isEmpty()) {
            throw new LoupeException(ErrorKind.INPUT, "device " + requested + " was asked for, but TensorFlow sees no such"
                    + " GPU (devices: " + types + "). The default build has TensorFlow's CPU natives only; build with -Pcuda"
                    + " for GPU natives (README.md, GPU), or use device cpu or auto.");
        }
        if (requested.kind() == Device.Kind.AUTO && !gpu) {
            LOG.info("device auto: running on the CPU, as TensorFlow sees no GPU");
        }
        description = !gpu || requested.kind() == Device.Kind.CPU ? "cpu"
                : requested.isGpu() ? requested.toString() : "gpu:0";
    }

    String description() {
        return description == null ? requested.toString() : description;
    }

    /** The device types a session has (CPU, GPU), read through the C API; empty when that fails. */
    private static List<String> deviceTypes(Session session) {
        List<String> types = new ArrayList<>();
        try {
            Field handle = Session.class.getDeclaredField("nativeHandle");
            handle.setAccessible(true);
            TF_Session native_ = (TF_Session) handle.get(session);
            try (TF_Status status = TF_Status.newStatus()) {
                TF_DeviceList list = tensorflow.TF_SessionListDevices(native_, status);
                status.throwExceptionIfNotOK();
                try {
                    for (int i = 0; i < tensorflow.TF_DeviceListCount(list); i++) {
                        types.add(tensorflow.TF_DeviceListType(list, i, status).getString());
                    }
                } finally {
                    tensorflow.TF_DeleteDeviceList(list);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not list TensorFlow's devices", e);
        }
        return types;
    }
}

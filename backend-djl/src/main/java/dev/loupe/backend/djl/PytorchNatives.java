package dev.loupe.backend.djl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which libtorch builds are on the class path: each ai.djl.pytorch native jar carries a
 * {@code native/lib/pytorch.properties} naming its flavor ({@code cpu}, {@code cu121}, ...). Used
 * to say why libtorch sees no GPU.
 */
final class PytorchNatives {

    static final String PROPERTIES = "native/lib/pytorch.properties";

    private PytorchNatives() {
    }

    static Set<String> flavors() {
        Set<String> flavors = new TreeSet<>();
        try {
            Enumeration<URL> found = PytorchNatives.class.getClassLoader().getResources(PROPERTIES);
            while (found.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = found.nextElement().openStream()) {
                    p.load(in);
                }
                flavors.add(p.getProperty("flavor", "unknown"));
            }
        } catch (IOException e) {
            flavors.add("unknown");
        }
        return flavors;
    }

    /** Why a GPU may be missing, given the natives on the class path. */
    static String whyNoGpu() {
        return whyNoGpu(flavors());
    }

    static String whyNoGpu(Set<String> flavors) {
        Set<String> cuda = new TreeSet<>();
        flavors.stream().filter(f -> f.startsWith("cu")).forEach(cuda::add);
        if (cuda.isEmpty()) {
            return "this build has CPU natives only (ai.djl.pytorch:pytorch-native-cpu); build with -Pcuda for"
                    + " CUDA natives (see README.md, GPU)";
        }
        return "CUDA natives (" + String.join(", ", cuda) + ") are on the class path, but no CUDA device is"
                + " visible: check the NVIDIA driver (nvidia-smi) and CUDA_VISIBLE_DEVICES; libtorch runs its"
                + " CPU natives then";
    }
}

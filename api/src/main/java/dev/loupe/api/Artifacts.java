package dev.loupe.api;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which Maven artifact brings which plugin, for errors about what is missing from the class path. */
final class Artifacts {

    static final String METHODS = "dev.loupe:loupe-methods";

    /** Built-in backend name to the artifact that brings it and what it reads. */
    private static final Map<String, String> BACKENDS = new LinkedHashMap<>();

    static {
        BACKENDS.put("djl", "dev.loupe:loupe-backend-djl (TorchScript .pt files)");
        BACKENDS.put("tensorflow", "dev.loupe:loupe-backend-tensorflow (TensorFlow SavedModel folders)");
    }

    private Artifacts() {
    }

    static String backendArtifact(String backend) {
        return BACKENDS.get(backend);
    }

    /** "Add X or Y as a dependency" for the built-in backends that are not on the class path; empty when all are. */
    static String missingBackendsHint(List<String> present) {
        List<String> missing = BACKENDS.entrySet().stream().filter(e -> !present.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (missing.isEmpty()) {
            return "";
        }
        return " Backends are separate dependencies: add " + String.join(" or ", missing) + " to use "
                + (missing.size() == 1 ? "it" : "them") + ".";
    }

    static LoupeException noBackend() {
        return new LoupeException(ErrorKind.USAGE, "No Loupe backend is on the class path." + missingBackendsHint(List.of())
                + " With the loupe-bom imported, no version is needed.");
    }

    static LoupeException noMethods() {
        return new LoupeException(ErrorKind.USAGE, "No Loupe method is on the class path. Add " + METHODS
                + " (the built-in methods) or a method plugin's jar as a dependency.");
    }
}

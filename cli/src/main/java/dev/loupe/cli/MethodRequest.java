package dev.loupe.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** A method to run and the parameters the user gave it (validated later by its provider). */
record MethodRequest(String name, Map<String, Object> params) {

    MethodRequest {
        params = new LinkedHashMap<>(params);
    }
}

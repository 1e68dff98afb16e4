package dev.loupe.cli;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.registry.ExplainerRegistry;
import dev.loupe.core.spi.ExplainerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies {@code --layer} and {@code --param KEY=VALUE} to the chosen methods: a plain KEY goes
 * to every method that declares it, {@code METHOD.KEY} to that method only. A key no chosen
 * method declares is an error, so a typo never goes unnoticed.
 */
final class ParamOverrides {

    private ParamOverrides() {
    }

    /** @param layer a layer name, a list of names, or {@code null} for none */
    static List<MethodRequest> apply(List<MethodRequest> methods, Object layer, Map<String, String> params) {
        if (layer == null && params.isEmpty()) {
            return methods;
        }
        ExplainerRegistry registry = ExplainerRegistry.load();
        List<MethodRequest> result = new ArrayList<>();
        for (MethodRequest m : methods) {
            result.add(new MethodRequest(m.name(), m.params()));
        }
        if (layer != null) {
            set(registry, result, null, "layer", layer, "--layer");
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            String key = e.getKey().trim();
            int dot = key.indexOf('.');
            String method = dot > 0 ? key.substring(0, dot) : null;
            set(registry, result, method, dot > 0 ? key.substring(dot + 1) : key, e.getValue(), "--param " + key);
        }
        return result;
    }

    private static void set(ExplainerRegistry registry, List<MethodRequest> methods, String onlyMethod, String key,
            Object value, String flag) {
        boolean applied = false;
        TreeSet<String> known = new TreeSet<>();
        for (MethodRequest m : methods) {
            if (onlyMethod != null && !onlyMethod.equals(m.name())) {
                continue;
            }
            ExplainerProvider provider = registry.get(m.name());
            provider.parameters().definitions().forEach(d -> known.add(d.name()));
            if (provider.parameters().declares(key)) {
                m.params().put(key, value);
                applied = true;
            }
        }
        if (!applied) {
            String scope = onlyMethod == null ? "none of the chosen methods " + methods.stream().map(MethodRequest::name).toList()
                    : (methods.stream().anyMatch(m -> m.name().equals(onlyMethod))
                            ? "method '" + onlyMethod + "'" : "no chosen method is named '" + onlyMethod + "', and nothing");
            throw new LoupeException(ErrorKind.USAGE, flag + ": " + scope + " takes a parameter '" + key + "'."
                    + (known.isEmpty() ? "" : " Their parameters: " + String.join(", ", known) + "."));
        }
    }
}

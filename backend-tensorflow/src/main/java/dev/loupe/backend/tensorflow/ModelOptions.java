package dev.loupe.backend.tensorflow;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.text.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The backend's model options ({@code model.options} in YAML, {@code --model-option} on the
 * command line): which meta graph, signature, input and output to use, and the input layout.
 */
record ModelOptions(List<String> tags, String signature, String input, String output, Layout layout) {

    static final Set<String> NAMES = Set.of("tags", "signature", "input", "output", "layout");

    /** Input layout: {@code auto} reads it from the signature's input shape. */
    enum Layout { AUTO, NCHW, NHWC }

    static ModelOptions parse(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) {
                throw new LoupeException(ErrorKind.USAGE, "The tensorflow backend has no model option '" + key + "'."
                        + Suggestions.didYouMean(key, NAMES) + " Its options: " + String.join(", ", NAMES.stream().sorted().toList()) + ".");
            }
        }
        List<String> tags = Arrays.stream(options.getOrDefault("tags", "serve").split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        String layoutText = options.getOrDefault("layout", "auto").toUpperCase(Locale.ROOT);
        Layout layout;
        try {
            layout = Layout.valueOf(layoutText);
        } catch (IllegalArgumentException e) {
            throw new LoupeException(ErrorKind.USAGE, "Model option layout must be auto, nchw or nhwc, got '"
                    + options.get("layout") + "'.");
        }
        return new ModelOptions(tags, options.getOrDefault("signature", "serving_default"), options.get("input"),
                options.get("output"), layout);
    }
}

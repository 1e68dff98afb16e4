package dev.loupe.cli.config;

import java.util.Map;

/**
 * One entry of {@code methods:}.
 *
 * @param name   the method's name as its provider registers it ({@code saliency},
 *               {@code grad-cam}); checked against the methods on the class path when the run
 *               starts
 * @param params free-form parameters, validated later against the method's own parameter spec.
 *               Values are kept as YAML gave them: String, Long (every integer, never Integer),
 *               Double, Boolean, null, and unmodifiable List / Map of those, in file order. Empty
 *               when absent.
 */
public record MethodConfig(String name, @Default("{}") Map<String, Object> params) {
}

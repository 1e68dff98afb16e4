package dev.loupe.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The binder on its own, with records that are not Loupe's: it must stay generic. */
class ConfigBinderTest {

    static final Path FILE = Path.of("/conf/test.yaml");

    enum Mode { FAST, GRAD_CAM, VERY_SLOW }

    /** A value type written as a scalar, through a static parse(String). */
    record Color(int rgb) {
        private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

        public static Color parse(String text) {
            if (!HEX.matcher(text).matches()) {
                throw new IllegalArgumentException("expected a colour like #ff8800, got '" + text + "'");
            }
            return new Color(Integer.parseInt(text.substring(1), 16));
        }
    }

    record Step(int maxSteps, @Default("true") boolean enabled) {
    }

    record Everything(
            String name,
            int count,
            long big,
            double ratio,
            float scale,
            boolean flag,
            Mode mode,
            Path file,
            List<Integer> sizes,
            Map<String, Integer> weights,
            Map<String, Object> free,
            Object anything,
            Step step,
            List<Step> steps,
            Color color,
            @Nullable Integer maybe,
            @Default("very-slow") Mode fallback) {
    }

    record Kebab(int maxSteps, String useGPU, String layer2Name, String already) {
    }

    record Guarded(@Range(min = -1, max = 1, maxExclusive = true) double x,
                   @Length(min = 2) @Range(min = 0) List<Integer> counts) {
    }

    record Ruled(int low, int high) implements Validatable {
        @Override
        public void validate(Validation validation) {
            if (low > high) {
                validation.error("low", "must not be greater than high (" + high + ")");
            }
        }
    }

    record Checked(String name) {
        Checked {
            if (name.contains(" ")) {
                throw new IllegalArgumentException("must not contain spaces");
            }
        }
    }

    record Holder(Checked checked, @Default("{low: 1, high: 2}") Ruled ruled) {
    }

    static <T> T bind(String yaml, Class<T> type) {
        return ConfigLoader.bind(FILE, yaml, type);
    }

    static List<String> errors(String yaml, Class<?> type) {
        ConfigException e = assertThrows(ConfigException.class, () -> bind(yaml, type));
        return e.errors().stream().map(ConfigError::render).toList();
    }

    @Test
    void bindsEverySupportedType() {
        Everything e = bind("""
                name: demo
                count: 7
                big: 12345678901
                ratio: 2
                scale: 0.5
                flag: true
                mode: grad-cam
                file: data/x.bin
                sizes: [1, 2, 3]
                weights: {a: 1, b: 2}
                free: {n: 1, s: text, l: [1, 2.5]}
                anything: [1, {k: v}]
                step: {max-steps: 3}
                steps:
                  - max-steps: 1
                    enabled: false
                  - {max-steps: 2}
                color: "#ff8800"
                """, Everything.class);
        assertEquals("demo", e.name());
        assertEquals(7, e.count());
        assertEquals(12345678901L, e.big());
        assertEquals(2.0, e.ratio());
        assertEquals(0.5f, e.scale());
        assertTrue(e.flag());
        assertEquals(Mode.GRAD_CAM, e.mode());
        assertEquals(Path.of("/conf/data/x.bin"), e.file());
        assertEquals(List.of(1, 2, 3), e.sizes());
        assertEquals(Map.of("a", 1, "b", 2), e.weights());
        assertEquals(Map.of("n", 1L, "s", "text", "l", List.of(1L, 2.5)), e.free());
        assertEquals(List.of(1L, Map.of("k", "v")), e.anything());
        assertEquals(new Step(3, true), e.step());
        assertEquals(List.of(new Step(1, false), new Step(2, true)), e.steps());
        assertEquals(new Color(0xff8800), e.color());
        assertNull(e.maybe());
        assertEquals(Mode.VERY_SLOW, e.fallback());
    }

    @Test
    void recordComponentsAreKebabCaseKeys() {
        assertEquals(new Kebab(1, "yes", "x", "y"),
                bind("max-steps: 1\nuse-gpu: yes\nlayer2-name: x\nalready: y\n", Kebab.class));
        assertEquals(List.of("/conf/test.yaml:1:1: maxSteps: unknown key 'maxSteps', did you mean 'max-steps'?",
                        "/conf/test.yaml:1:1: max-steps: missing required field",
                        "/conf/test.yaml:1:1: use-gpu: missing required field",
                        "/conf/test.yaml:1:1: layer2-name: missing required field",
                        "/conf/test.yaml:1:1: already: missing required field"),
                errors("maxSteps: 1\n", Kebab.class));
    }

    @Test
    void yesAndNoAreStringsNotBooleans() {
        assertEquals(List.of("/conf/test.yaml:2:10: enabled: expected true or false, got 'yes'"),
                errors("max-steps: 1\nenabled: yes\n", Step.class));
    }

    @Test
    void enumValuesAreLowerKebabCase() {
        assertEquals(List.of("/conf/test.yaml:1:7: mode: unknown value 'GRAD_CAM', did you mean 'grad-cam'?"
                        + " (valid values: fast, grad-cam, very-slow)"),
                errors("mode: GRAD_CAM\n", Everything.class).stream().filter(e -> e.contains(" mode:")).toList());
    }

    @Test
    void integersAreStrict() {
        List<String> errors = errors("max-steps: 2.0\n", Step.class);
        assertEquals(List.of("/conf/test.yaml:1:12: max-steps: expected an integer, got '2.0'"), errors);
        assertEquals(List.of("/conf/test.yaml:1:12: max-steps: value out of range: 3000000000 does not fit in an int"),
                errors("max-steps: 3000000000\n", Step.class));
    }

    @Test
    void valueTypesReportTheirOwnMessage() {
        assertEquals(List.of("/conf/test.yaml:1:8: color: expected a colour like #ff8800, got 'red'",
                        "/conf/test.yaml:2:8: maybe: expected an integer, got 'x'"),
                errors("color: red\nmaybe: x\n", Everything.class).stream()
                        .filter(e -> e.contains("color:") || e.contains("maybe:")).toList());
    }

    @Test
    void rangeAndLengthAnnotations() {
        assertEquals(new Guarded(-1, List.of(0, 5)), bind("x: -1\ncounts: [0, 5]\n", Guarded.class));
        assertEquals(List.of("/conf/test.yaml:1:4: x: value out of range: must be >= -1 and < 1, got '1'",
                        "/conf/test.yaml:2:9: counts: expected at least 2 items, got 1",
                        "/conf/test.yaml:2:10: counts[0]: value out of range: must be >= 0, got '-3'"),
                errors("x: 1\ncounts: [-3]\n", Guarded.class));
    }

    @Test
    void validatableRecordsAndConstructorChecksReportAtTheRightNode() {
        assertEquals(new Holder(new Checked("a"), new Ruled(1, 2)), bind("checked: {name: a}\n", Holder.class));
        assertEquals(List.of("/conf/test.yaml:1:1: checked: must not contain spaces",
                        "/conf/test.yaml:2:14: ruled.low: must not be greater than high (2)"),
                errors("checked: {name: a b}\nruled: {low: 5, high: 2}\n", Holder.class));
    }

    @Test
    void intsInFreeFormMapsAreLong() {
        Everything e = bind("""
                name: n
                count: 1
                big: 1
                ratio: 1
                scale: 1
                flag: false
                mode: fast
                file: f
                sizes: []
                weights: {}
                free: {i: 1, neg: -2, hex: 0x10, d: 1.0, e: 1e3, t: true, q: "1"}
                anything: 1
                step: {max-steps: 1}
                steps: []
                color: "#000000"
                """, Everything.class);
        Map<String, Object> free = e.free();
        assertInstanceOf(Long.class, free.get("i"));
        assertEquals(-2L, free.get("neg"));
        assertEquals(16L, free.get("hex"));
        assertEquals(1.0, free.get("d"));
        assertEquals(1000.0, free.get("e"));
        assertEquals(true, free.get("t"));
        assertEquals("1", free.get("q"));
        assertEquals(1L, e.anything());
    }

    @Test
    void aliasesThatExpandToTooManyValuesAreRejectedQuickly() {
        StringBuilder yaml = new StringBuilder("free:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            String a = "*l" + (i - 1);
            yaml.append("  l").append(i).append(": &l").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, a))).append("]\n");
        }
        List<String> errors = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> errors(yaml.toString(), Everything.class));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/conf/test.yaml:6:")
                && e.contains("free.l4[7]: aliases expand to too many values (more than 100000)")), () -> errors.toString());
    }

    @Test
    void badDefaultsAndUnsupportedTypesAreProgrammingErrors() {
        record BadDefault(@Default("abc") int n) {
        }
        record Unsupported(java.util.Set<String> names) {
        }
        record NullablePrimitive(@Nullable int n) {
        }
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> bind("{}", BadDefault.class));
        assertTrue(bad.getMessage().contains("bad @Default(\"abc\") for 'n'"), bad.getMessage());
        assertThrows(IllegalStateException.class, () -> bind("names: [a]", Unsupported.class));
        assertThrows(IllegalStateException.class, () -> bind("n: 1", NullablePrimitive.class));
    }
}

package dev.loupe.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterSpecTest {

    private static final ParameterSpec SPEC = ParameterSpec.of(
            ParameterDef.integer("steps", 50, 1, 1000, "Integration steps."),
            ParameterDef.number("noise", 0.15, 0.0, 1.0, "Noise level."),
            ParameterDef.flag("relu", true, "Apply a ReLU."),
            ParameterDef.string("baseline", "black", "Baseline image."),
            ParameterDef.choice("reduce", "sum", List.of("sum", "mean", "max-abs"), "Channel reduction."),
            ParameterDef.layer("layer", "Target layer."));

    private static Map<String, Object> given(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Parameters valid(Object... keysAndValues) {
        return SPEC.validate("test-method", given(keysAndValues));
    }

    private static ParameterException invalid(Object... keysAndValues) {
        return assertThrows(ParameterException.class, () -> SPEC.validate("test-method", given(keysAndValues)));
    }

    /** The single problem reported, after checking the exception names the method. */
    private static String problem(Object... keysAndValues) {
        ParameterException e = invalid(keysAndValues);
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("'test-method'"), e.getMessage());
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains(e.problems().get(0)), e.getMessage());
        return e.problems().get(0);
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected <" + part + "> in: " + text);
        }
    }

    @Test
    void defaultsAreFilledInDeclarationOrderWithTheirTypes() {
        Parameters p = valid();
        Map<String, Object> all = p.asMap();
        assertEquals(List.of("steps", "noise", "relu", "baseline", "reduce", "layer"), List.copyOf(all.keySet()));
        assertEquals(50L, all.get("steps"));
        assertEquals(0.15, all.get("noise"));
        assertEquals(true, all.get("relu"));
        assertEquals("black", all.get("baseline"));
        assertEquals("sum", all.get("reduce"));
        assertEquals("auto", all.get("layer"));
        assertEquals(50, p.getInt("steps"));
        assertEquals(0.15, p.getDouble("noise"));
        assertTrue(p.getBoolean("relu"));
    }

    @Test
    void givenValuesReplaceOnlyTheirDefaults() {
        Parameters p = valid("steps", 20, "layer", "layer3");
        assertEquals(20, p.getInt("steps"));
        assertEquals("layer3", p.getString("layer"));
        assertEquals(0.15, p.getDouble("noise"));
        assertEquals("sum", p.getString("reduce"));
    }

    @Test
    void stringsFromKeyValueFlagsAreCoerced() {
        Parameters p = valid("steps", "3", "noise", "0.5", "relu", "false", "reduce", "mean", "layer", "features.28",
                "baseline", "blur");
        assertEquals(3L, p.asMap().get("steps"));
        assertEquals(0.5, p.asMap().get("noise"));
        assertEquals(false, p.asMap().get("relu"));
        assertEquals("mean", p.getString("reduce"));
        assertEquals("features.28", p.getString("layer"));
        assertEquals("blur", p.getString("baseline"));
        assertTrue(valid("relu", "true").getBoolean("relu"));
    }

    @Test
    void stringCoercionToleratesSpacesCaseAndNumberForms() {
        assertEquals(7, valid("steps", " 7 ").getInt("steps"));
        assertEquals(0.1, valid("noise", "1e-1").getDouble("noise"));
        assertEquals(1.0, valid("noise", "1").getDouble("noise"));
        assertEquals(0.5, valid("noise", ".5").getDouble("noise"));
        assertTrue(valid("relu", "TRUE").getBoolean("relu"));
        assertFalse(valid("relu", " False ").getBoolean("relu"));
        assertEquals("max-abs", valid("reduce", "Max-Abs").getString("reduce"));
        assertEquals("layer4", valid("layer", " layer4 ").getString("layer"));
    }

    @Test
    void yamlTypedValuesAreCoerced() {
        Parameters p = valid("steps", Integer.valueOf(3), "noise", Double.valueOf(0.25), "relu", Boolean.FALSE);
        assertEquals(Long.valueOf(3), p.asMap().get("steps"), "INTEGER is handed out as Long");
        assertEquals(Double.valueOf(0.25), p.asMap().get("noise"));
        assertEquals(Boolean.FALSE, p.asMap().get("relu"));
        assertEquals(Long.valueOf(999), valid("steps", Long.valueOf(999)).asMap().get("steps"));
        assertEquals(Long.valueOf(4), valid("steps", Short.valueOf((short) 4)).asMap().get("steps"));
        assertEquals(Double.valueOf(1.0), valid("noise", Integer.valueOf(1)).asMap().get("noise"), "an int is a number");
        assertEquals(Double.valueOf(0.0), valid("noise", Long.valueOf(0)).asMap().get("noise"));
        assertEquals(0.5, valid("noise", Float.valueOf(0.5f)).getDouble("noise"));
        assertEquals("0", valid("baseline", 0).getString("baseline"), "YAML scalars are strings to a STRING parameter");
        assertEquals("true", valid("baseline", true).getString("baseline"));
    }

    @Test
    void unknownParameterIsNamedWithTheClosestAndTheValidOnes() {
        String p = problem("stpes", 10);
        assertContains(p, "unknown parameter 'stpes'", "Did you mean 'steps'?",
                "valid parameters: steps, noise, relu, baseline, reduce, layer");
    }

    @Test
    void unknownParameterWithNothingCloseHasNoSuggestion() {
        String p = problem("temperature", 1);
        assertContains(p, "'temperature'", "valid parameters: steps, noise, relu, baseline, reduce, layer");
        assertFalse(p.contains("Did you mean"), p);
    }

    @Test
    void methodWithoutParametersSaysSo() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> ParameterSpec.of().validate("saliency", Map.of("steps", 5)));
        assertContains(e.getMessage(), "'saliency'", "unknown parameter 'steps'", "this method takes no parameters");
        assertTrue(ParameterSpec.of().validate("saliency", Map.of()).asMap().isEmpty());
    }

    @Test
    void illTypedValueNamesTheExpectedTypeAndTheValue() {
        assertContains(problem("steps", "many"), "'steps'", "expected an integer in [1, 1000]", "got 'many'");
        assertContains(problem("steps", 2.5), "'steps'", "an integer", "got 2.5");
        assertContains(problem("steps", "3.0"), "'steps'", "an integer", "got '3.0'");
        assertContains(problem("noise", "abc"), "'noise'", "expected a number in [0.0, 1.0]", "got 'abc'");
        assertContains(problem("relu", "yes"), "'relu'", "expected true or false", "got 'yes'");
        assertContains(problem("relu", 1), "'relu'", "expected true or false", "got 1");
        assertContains(problem("baseline", List.of("a", "b")), "'baseline'", "expected a string", "got [a, b]");
        assertContains(problem("baseline", "  "), "'baseline'", "expected a string");
        assertContains(problem("layer", Map.of("a", 1)), "'layer'", "expected a layer name");
        assertContains(problem("steps", true), "'steps'", "an integer", "got true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void nonFiniteNumbersAreRejectedAsStrings(String value) {
        assertContains(problem("noise", value), "'noise'", "expected a number", value);
    }

    @Test
    void nonFiniteNumbersAreRejectedAsYamlValues() {
        // YAML's .nan: NaN compares false with both bounds, so without a check it slips through
        assertContains(problem("noise", Double.NaN), "'noise'", "expected a number", "NaN");
        assertContains(problem("noise", Double.POSITIVE_INFINITY), "'noise'", "Infinity");
        ParameterSpec unbounded = ParameterSpec.of(
                new ParameterDef("scale", ParameterType.NUMBER, 1.0, "d", null, null, List.of()));
        assertThrows(ParameterException.class, () -> unbounded.validate("m", Map.of("scale", Double.NaN)));
        assertThrows(ParameterException.class, () -> unbounded.validate("m", Map.of("scale", Float.NEGATIVE_INFINITY)));
        assertEquals(1e300, unbounded.validate("m", Map.of("scale", 1e300)).getDouble("scale"));
    }

    @Test
    void missingValueIsReported() {
        assertContains(problem("steps", null), "'steps'", "no value given", "an integer in [1, 1000]");
    }

    @Test
    void outOfRangeNamesTheRangeAndTheValue() {
        assertContains(problem("steps", 0), "'steps'", "expected an integer in [1, 1000]", "got 0");
        assertContains(problem("steps", 1001), "got 1001");
        assertContains(problem("steps", "5000"), "got 5000");
        assertContains(problem("steps", Long.MAX_VALUE), "got " + Long.MAX_VALUE);
        assertContains(problem("noise", -0.1), "'noise'", "expected a number in [0.0, 1.0]", "got -0.1");
        assertContains(problem("noise", "1.5"), "got 1.5");
    }

    @Test
    void rangeBoundsAreInclusive() {
        assertEquals(1, valid("steps", 1).getInt("steps"));
        assertEquals(1000, valid("steps", "1000").getInt("steps"));
        assertEquals(0.0, valid("noise", 0).getDouble("noise"));
        assertEquals(1.0, valid("noise", 1.0).getDouble("noise"));
    }

    @Test
    void oneSidedRangesAreChecked() {
        ParameterSpec spec = ParameterSpec.of(
                new ParameterDef("k", ParameterType.INTEGER, 1L, "d", 0.0, null, List.of()),
                new ParameterDef("t", ParameterType.NUMBER, 1.0, "d", null, 2.0, List.of()));
        assertEquals(1_000_000, spec.validate("m", Map.of("k", 1_000_000)).getInt("k"));
        ParameterException e = assertThrows(ParameterException.class, () -> spec.validate("m", Map.of("k", -1, "t", 3)));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertContains(e.getMessage(), "'k': expected an integer >= 0, got -1", "'t': expected a number <= 2.0, got 3");
        assertEquals(-50.0, spec.validate("m", Map.of("t", -50)).getDouble("t"));
    }

    @Test
    void choiceOutsideTheListSuggestsTheClosest() {
        assertContains(problem("reduce", "maen"), "'reduce'", "expected one of sum, mean, max-abs", "got 'maen'",
                "Did you mean 'mean'?");
        String far = problem("reduce", "median-of-all");
        assertContains(far, "expected one of sum, mean, max-abs", "got 'median-of-all'");
        assertFalse(far.contains("Did you mean"), far);
    }

    @Test
    void severalProblemsAreReportedAtOnce() {
        ParameterException e = invalid("stpes", 10, "relu", "yes", "steps", 0, "reduce", "maen", "noise", 0.5);
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertContains(e.getMessage(), "unknown parameter 'stpes'", "'relu': expected true or false",
                "'steps': expected an integer in [1, 1000], got 0", "'reduce': expected one of");
        // one problem per line, in the order given
        String[] lines = e.getMessage().split("\n");
        assertEquals(5, lines.length, e.getMessage());
        assertTrue(lines[1].contains("stpes") && lines[2].contains("relu") && lines[3].contains("steps")
                && lines[4].contains("reduce"), e.getMessage());
    }

    @Test
    void validationDoesNotChangeTheGivenMapOrTheDefaults() {
        Map<String, Object> given = new HashMap<>(Map.of("steps", "3"));
        SPEC.validate("m", given);
        assertEquals(Map.of("steps", "3"), given);
        assertEquals(50, SPEC.validate("m", Map.of()).getInt("steps"), "defaults survive an earlier override");
    }

    @Test
    void parameterExceptionIsALoupeUsageError() {
        LoupeException e = invalid("stpes", 1);
        assertEquals(ErrorKind.USAGE, e.kind());
    }

    @Test
    void duplicateDeclarationsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterSpec.of(
                ParameterDef.flag("relu", true, "d"),
                ParameterDef.integer("steps", 5, 1, 10, "d"),
                ParameterDef.flag("relu", false, "again")));
        assertContains(e.getMessage(), "'relu'", "twice");
    }

    @Test
    void invalidParameterNamesAreRejectedBeforeAnySpecExists() {
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.of(ParameterDef.flag("ReLU", true, "d")));
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.of(ParameterDef.integer("n_steps", 5, 1, 10, "d")));
    }

    @Test
    void definitionsAndDeclares() {
        assertEquals(List.of("steps", "noise", "relu", "baseline", "reduce", "layer"),
                SPEC.definitions().stream().map(ParameterDef::name).toList());
        assertTrue(SPEC.declares("layer"));
        assertFalse(SPEC.declares("Layer"));
        assertFalse(SPEC.declares("stpes"));
        assertThrows(UnsupportedOperationException.class, () -> SPEC.definitions().clear());
    }

    @Test
    void specIsACopyOfTheGivenList() {
        List<ParameterDef> defs = new ArrayList<>(List.of(ParameterDef.flag("relu", true, "d")));
        ParameterSpec spec = new ParameterSpec(defs);
        defs.add(ParameterDef.flag("other", true, "d"));
        assertFalse(spec.declares("other"));
    }
}

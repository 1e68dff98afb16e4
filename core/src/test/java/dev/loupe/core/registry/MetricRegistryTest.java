package dev.loupe.core.registry;

import dev.loupe.core.spi.SpiVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.evaluate.Metric;
import dev.loupe.core.evaluate.MetricDirection;
import dev.loupe.core.model.Capability;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.MetricProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

    /** A metric provider whose metric scores nothing. */
    static class FakeMetric implements MetricProvider {
        private final String name;
        private final Set<Capability> needs;

        FakeMetric(String name, Set<Capability> needs) {
            this.name = name;
            this.needs = needs;
        }

        FakeMetric(String name) {
            this(name, Set.of(Capability.FORWARD));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            return "0.0.1";
        }

        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public String description() {
            return "fake " + name;
        }

        @Override
        public MetricDirection direction() {
            return MetricDirection.LOWER_IS_BETTER;
        }

        @Override
        public ParameterSpec parameters() {
            return ParameterSpec.of(ParameterDef.integer("steps", 10, 1, 100, "d"));
        }

        @Override
        public Set<Capability> requiredCapabilities() {
            return needs;
        }

        @Override
        public Metric create(Parameters parameters) {
            return context -> List.of();
        }
    }

    static class OtherFakeMetric extends FakeMetric {
        OtherFakeMetric(String name) {
            super(name);
        }
    }

    private static MetricRegistry registry(MetricProvider... providers) {
        return new MetricRegistry(List.of(providers));
    }

    @Test
    void findsMetricsByNameSorted() {
        FakeMetric deletion = new FakeMetric("deletion");
        MetricRegistry registry = registry(new FakeMetric("road"), deletion);
        assertSame(deletion, registry.get("deletion"));
        assertEquals(List.of("deletion", "road"), registry.all().stream().map(MetricProvider::name).toList());
    }

    @Test
    void anUnknownMetricGetsADidYouMeanAndTheList() {
        LoupeException e = assertThrows(LoupeException.class, () -> registry(new FakeMetric("deletion")).get("deletoin"));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("Unknown metric 'deletoin'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'deletion'?"), e.getMessage());
        assertTrue(e.getMessage().contains("Available metrics: deletion"), e.getMessage());
    }

    @Test
    void aDuplicateNameIsAHardErrorNamingBothClasses() {
        LoupeException e = assertThrows(LoupeException.class,
                () -> registry(new FakeMetric("road"), new OtherFakeMetric("road")));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("Two metric providers are named 'road'"), e.getMessage());
        assertTrue(e.getMessage().contains(FakeMetric.class.getName() + " ("), e.getMessage());
        assertTrue(e.getMessage().contains(OtherFakeMetric.class.getName() + " ("), e.getMessage());
    }

    @Test
    void anInvalidNameIsRefused() {
        LoupeException e = assertThrows(LoupeException.class, () -> registry(new FakeMetric("Road")));
        assertTrue(e.getMessage().contains("Metric provider"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid name 'Road'"), e.getMessage());
    }

    @Test
    void parametersAreValidatedStrictly() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> registry(new FakeMetric("deletion")).validate("deletion", Map.of("stpes", 3)));
        assertTrue(e.getMessage().contains("Did you mean 'steps'?"), e.getMessage());
    }

    @Test
    void aMissingCapabilityIsRefusedWithTheBackendsReason() {
        MetricRegistry registry = registry(new FakeMetric("sanity", Set.of(Capability.PARAMETER_RANDOMIZATION)));
        ExplainerRegistryTest.FakeModel model = new ExplainerRegistryTest.FakeModel(Set.of(Capability.FORWARD),
                "SavedModels are read-only here.");
        LoupeException e = assertThrows(LoupeException.class, () -> registry.create("sanity", Map.of(), model));
        assertEquals(ErrorKind.INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("Metric 'sanity' needs [PARAMETER_RANDOMIZATION]"), e.getMessage());
        assertTrue(e.getMessage().contains("SavedModels are read-only here."), e.getMessage());
        assertFalse(registry(new FakeMetric("deletion")).create("deletion", Map.of(), model) == null);
    }
}

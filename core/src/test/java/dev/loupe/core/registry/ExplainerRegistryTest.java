package dev.loupe.core.registry;

import dev.loupe.core.spi.SpiVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loupe.core.ErrorKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.explain.Explainer;
import dev.loupe.core.layer.LayerInfo;
import dev.loupe.core.model.Capability;
import dev.loupe.core.model.ExplainableModel;
import dev.loupe.core.model.ModelDescription;
import dev.loupe.core.model.Scope;
import dev.loupe.core.param.ParameterDef;
import dev.loupe.core.param.ParameterException;
import dev.loupe.core.param.ParameterSpec;
import dev.loupe.core.param.Parameters;
import dev.loupe.core.spi.ExplainerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplainerRegistryTest {

    /** A configurable provider that records what it was asked to create. */
    static class FakeProvider implements ExplainerProvider {
        private final String name;
        private final ParameterSpec spec;
        private final Set<Capability> capabilities;
        final List<Parameters> created = new ArrayList<>();

        FakeProvider(String name, ParameterSpec spec, Set<Capability> capabilities) {
            this.name = name;
            this.spec = spec;
            this.capabilities = capabilities;
        }

        FakeProvider(String name) {
            this(name, ParameterSpec.of(), Set.of(Capability.FORWARD));
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
        public ParameterSpec parameters() {
            return spec;
        }

        @Override
        public Set<Capability> requiredCapabilities() {
            return capabilities;
        }

        @Override
        public Explainer create(Parameters parameters) {
            created.add(parameters);
            return context -> List.of();
        }
    }

    /** A second class, so that a duplicate name comes from two different classes. */
    static final class OtherFakeProvider extends FakeProvider {
        OtherFakeProvider(String name) {
            super(name);
        }
    }

    /** A model that only describes itself; nothing runs. */
    record FakeModel(Set<Capability> capabilities, String reason) implements ExplainableModel {

        FakeModel(Set<Capability> capabilities) {
            this(capabilities, null);
        }

        /** The backend's reason, here the same for every missing capability. */
        @Override
        public String whyNot(Capability capability) {
            return reason;
        }

        @Override
        public ModelDescription description() {
            return new ModelDescription("fake-backend", "model.pt", "0".repeat(64), "cpu", new long[] {3, 224, 224}, 1000);
        }

        @Override
        public List<LayerInfo> layers() {
            return List.of();
        }

        @Override
        public Scope openScope() {
            throw new UnsupportedOperationException("nothing runs in these tests");
        }

        @Override
        public void close() {
        }
    }

    private static FakeProvider gradCam() {
        return new FakeProvider("grad-cam",
                ParameterSpec.of(ParameterDef.layer("layer", "d"), ParameterDef.flag("relu", true, "d")),
                Set.of(Capability.FORWARD, Capability.LAYER_ACTIVATION, Capability.LAYER_GRADIENT));
    }

    private static ExplainerRegistry registry(ExplainerProvider... providers) {
        return new ExplainerRegistry(List.of(providers));
    }

    @Test
    void getFindsAProviderByName() {
        FakeProvider saliency = new FakeProvider("saliency");
        FakeProvider cam = gradCam();
        ExplainerRegistry registry = registry(saliency, cam, new FakeProvider("integrated-gradients"));
        assertSame(saliency, registry.get("saliency"));
        assertSame(cam, registry.get("grad-cam"));
    }

    @Test
    void allListsProvidersSortedByName() {
        ExplainerRegistry registry = registry(new FakeProvider("saliency"), gradCam(), new FakeProvider("integrated-gradients"));
        assertEquals(List.of("grad-cam", "integrated-gradients", "saliency"),
                registry.all().stream().map(ExplainerProvider::name).toList());
        registry.all().clear();
        assertEquals(3, registry.all().size(), "all() is a copy");
    }

    @Test
    void namesAreCaseSensitive() {
        ExplainerRegistry registry = registry(gradCam());
        assertThrows(LoupeException.class, () -> registry.get("Grad-CAM"));
    }

    @Test
    void unknownMethodListsTheAvailableOnesAndSuggestsTheClosest() {
        ExplainerRegistry registry = registry(new FakeProvider("saliency"), gradCam(), new FakeProvider("integrated-gradients"));
        LoupeException e = assertThrows(LoupeException.class, () -> registry.get("grad-cma"));
        assertEquals(ErrorKind.USAGE, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("Unknown method 'grad-cma'"), m);
        assertTrue(m.contains("Did you mean 'grad-cam'?"), m);
        assertTrue(m.contains("Available methods: grad-cam, integrated-gradients, saliency"), m);
        assertTrue(m.contains("class path"), m);
    }

    @Test
    void unknownMethodWithNothingCloseHasNoSuggestion() {
        ExplainerRegistry registry = registry(new FakeProvider("saliency"), gradCam());
        LoupeException e = assertThrows(LoupeException.class, () -> registry.get("lime"));
        assertFalse(e.getMessage().contains("Did you mean"), e.getMessage());
        assertTrue(e.getMessage().contains("Available methods: grad-cam, saliency"), e.getMessage());
    }

    @Test
    void duplicateNamesAreAHardErrorNamingBothClassesAndWhereTheyCameFrom() {
        FakeProvider first = new FakeProvider("saliency");
        OtherFakeProvider second = new OtherFakeProvider("saliency");
        LoupeException e = assertThrows(LoupeException.class, () -> registry(first, gradCam(), second));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("'saliency'"), m);
        assertTrue(m.contains(FakeProvider.class.getName()), m);
        assertTrue(m.contains(OtherFakeProvider.class.getName()), m);
        String location = ProviderSource.of(FakeProvider.class);
        assertFalse(location.isBlank());
        assertTrue(m.contains(FakeProvider.class.getName() + " (" + location + ")"), m);
        assertTrue(m.contains(OtherFakeProvider.class.getName() + " (" + ProviderSource.of(OtherFakeProvider.class) + ")"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Grad_CAM", "1abc", "grad_cam", "GradCam", "", "-cam", "grad cam", "grad.cam"})
    void invalidProviderNamesAreRejected(String name) {
        LoupeException e = assertThrows(LoupeException.class, () -> registry(new FakeProvider(name)));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(FakeProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("^[a-z][a-z0-9-]*$"), e.getMessage());
    }

    @Test
    void nullProviderNameIsRejected() {
        LoupeException e = assertThrows(LoupeException.class, () -> registry(new FakeProvider(null)));
        assertTrue(e.getMessage().contains("invalid name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "grad-cam", "integrated-gradients", "x2", "smooth-grad-2"})
    void validProviderNamesAreAccepted(String name) {
        assertEquals(name, registry(new FakeProvider(name)).get(name).name());
    }

    @Test
    void createValidatesParametersAndPassesThemWithDefaults() {
        FakeProvider cam = gradCam();
        ExplainerRegistry registry = registry(cam);
        FakeModel model = new FakeModel(EnumSet.allOf(Capability.class));
        Explainer explainer = registry.create("grad-cam", Map.of("relu", "false"), model);
        assertTrue(explainer != null);
        assertEquals(1, cam.created.size());
        Parameters p = cam.created.get(0);
        assertFalse(p.getBoolean("relu"));
        assertEquals("auto", p.getString("layer"));
    }

    @Test
    void createReportsBadParametersUnderTheMethodNameAndCreatesNothing() {
        FakeProvider cam = gradCam();
        ExplainerRegistry registry = registry(cam);
        ParameterException e = assertThrows(ParameterException.class,
                () -> registry.create("grad-cam", Map.of("rleu", false, "layer", ""), new FakeModel(EnumSet.allOf(Capability.class))));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("'grad-cam'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'relu'?"), e.getMessage());
        assertTrue(cam.created.isEmpty());
    }

    @Test
    void createReportsAMissingCapability() {
        FakeProvider cam = gradCam();
        ExplainerRegistry registry = registry(cam);
        FakeModel forwardOnly = new FakeModel(EnumSet.of(Capability.FORWARD, Capability.INPUT_GRADIENT));
        LoupeException e = assertThrows(LoupeException.class, () -> registry.create("grad-cam", Map.of(), forwardOnly));
        assertEquals(ErrorKind.INPUT, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("'grad-cam'"), m);
        assertTrue(m.contains("LAYER_ACTIVATION") && m.contains("LAYER_GRADIENT"), m);
        assertFalse(m.contains("FORWARD"), "only what is missing is named: " + m);
        assertTrue(m.contains("fake-backend"), m);
        assertTrue(cam.created.isEmpty(), "nothing is created for a model that cannot run the method");
    }

    @Test
    void aMissingCapabilityCarriesTheBackendsReason() {
        ExplainerRegistry registry = registry(gradCam());
        FakeModel noGradients = new FakeModel(EnumSet.of(Capability.FORWARD, Capability.LAYER_ACTIVATION));
        FakeModel explained = new FakeModel(EnumSet.of(Capability.FORWARD, Capability.LAYER_ACTIVATION), "Op 'x/Round' has no gradient.");
        String m = assertThrows(LoupeException.class, () -> registry.create("grad-cam", Map.of(), explained)).getMessage();
        assertTrue(m.contains("'grad-cam'") && m.endsWith("for this model. Op 'x/Round' has no gradient."), m);
        String plain = assertThrows(LoupeException.class, () -> registry.create("grad-cam", Map.of(), noGradients)).getMessage();
        assertTrue(plain.endsWith("for this model."), plain);
    }

    @Test
    void createOfAnUnknownMethodFailsLikeGet() {
        LoupeException e = assertThrows(LoupeException.class,
                () -> registry(gradCam()).create("gradcam", Map.of(), new FakeModel(EnumSet.allOf(Capability.class))));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("Did you mean 'grad-cam'?"), e.getMessage());
    }

    @Test
    void loadFindsNoProvidersInCore() {
        // core declares the SPI but ships no method
        assertTrue(ExplainerRegistry.load().all().isEmpty());
    }

    @Test
    void loadFindsAPluginJarAndNamesItsJar(@TempDir Path dir) throws IOException {
        Path jar = pluginJar(dir.resolve("plugin-a.jar"), PluginProviderA.class);
        try (URLClassLoader loader = new ChildFirstLoader(new URL[] {jar.toUri().toURL()}, PluginProviderA.class)) {
            ExplainerRegistry registry = ExplainerRegistry.load(loader);
            ExplainerProvider provider = registry.get(PluginProviderA.NAME);
            assertEquals(PluginProviderA.class.getName(), provider.getClass().getName());
            assertEquals(loader, provider.getClass().getClassLoader(), "loaded from the jar, not the test classes");
            assertEquals("plugin-a.jar", ProviderSource.of(provider.getClass()));
            assertTrue(ExplainerRegistry.describe(provider).endsWith("(plugin-a.jar)"), ExplainerRegistry.describe(provider));
        }
    }

    @Test
    void duplicateNameInTwoJarsNamesBothClassesAndBothJars(@TempDir Path dir) throws IOException {
        Path a = pluginJar(dir.resolve("plugin-a.jar"), PluginProviderA.class);
        Path b = pluginJar(dir.resolve("plugin-b.jar"), PluginProviderB.class);
        try (URLClassLoader loader = new ChildFirstLoader(new URL[] {a.toUri().toURL(), b.toUri().toURL()},
                PluginProviderA.class, PluginProviderB.class)) {
            LoupeException e = assertThrows(LoupeException.class, () -> ExplainerRegistry.load(loader));
            assertEquals(ErrorKind.INTERNAL, e.kind());
            String m = e.getMessage();
            assertTrue(m.contains("'" + PluginProviderA.NAME + "'"), m);
            assertTrue(m.contains(PluginProviderA.class.getName() + " (plugin-a.jar)"), m);
            assertTrue(m.contains(PluginProviderB.class.getName() + " (plugin-b.jar)"), m);
            assertTrue(m.contains("Remove one of the jars"), m);
        }
    }

    @Test
    void aPluginBuiltForAnotherSpiIsRefusedByNameAndJarWhileTheOthersLoad(@TempDir Path dir) throws IOException {
        Path a = pluginJar(dir.resolve("plugin-a.jar"), PluginProviderA.class);
        Path future = pluginJar(dir.resolve("plugin-future.jar"), PluginProviderFuture.class);
        try (URLClassLoader loader = new ChildFirstLoader(new URL[] {a.toUri().toURL(), future.toUri().toURL()},
                PluginProviderA.class, PluginProviderFuture.class)) {
            ExplainerRegistry registry = ExplainerRegistry.load(loader);
            assertEquals(PluginProviderA.class.getName(), registry.get(PluginProviderA.NAME).getClass().getName());
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            PluginProblem problem = registry.problems().get(0);
            assertEquals(PluginProviderFuture.class.getName(), problem.provider());
            assertEquals("plugin-future.jar", problem.source());
            assertTrue(problem.reason().contains("major versions differ"), problem.reason());
            LoupeException e = assertThrows(LoupeException.class, () -> registry.get(PluginProviderFuture.NAME));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("Not loaded: " + PluginProviderFuture.class.getName() + " (plugin-future.jar)"),
                    e.getMessage());
        }
    }

    @Test
    void aServicesEntryForAMissingClassIsAProblemNotAFailure(@TempDir Path dir) throws IOException {
        Path a = pluginJar(dir.resolve("plugin-a.jar"), PluginProviderA.class);
        Path broken = dir.resolve("broken.jar");
        try (OutputStream out = Files.newOutputStream(broken); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry("META-INF/services/" + ExplainerProvider.class.getName()));
            zip.write("no.such.Provider\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        try (URLClassLoader loader = new ChildFirstLoader(new URL[] {broken.toUri().toURL(), a.toUri().toURL()},
                PluginProviderA.class)) {
            ExplainerRegistry registry = ExplainerRegistry.load(loader);
            assertEquals(PluginProviderA.class.getName(), registry.get(PluginProviderA.NAME).getClass().getName());
            assertEquals(1, registry.problems().size(), registry.problems().toString());
            assertTrue(registry.problems().get(0).reason().contains("no.such.Provider"), registry.problems().toString());
        }
    }

    /** A jar holding {@code provider}'s class file and a service entry for it. */
    private static Path pluginJar(Path jar, Class<?> provider) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            String classFile = provider.getName().replace('.', '/') + ".class";
            zip.putNextEntry(new JarEntry(classFile));
            try (InputStream in = provider.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(zip);
            }
            zip.closeEntry();
            zip.putNextEntry(new JarEntry("META-INF/services/" + ExplainerProvider.class.getName()));
            zip.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    /** Loads the named classes from its own jars (a real plugin is not on the test class path). */
    private static final class ChildFirstLoader extends URLClassLoader {
        private final Set<String> own;

        ChildFirstLoader(URL[] jars, Class<?>... own) {
            super(jars, ExplainerRegistryTest.class.getClassLoader());
            this.own = Set.copyOf(java.util.Arrays.stream(own).map(Class::getName).toList());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!own.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }
    }
}

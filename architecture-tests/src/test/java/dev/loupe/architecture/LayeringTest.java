package dev.loupe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module layering of the design card, checked on the compiled classes of every module. */
class LayeringTest {

    private static JavaClasses loupe;

    @BeforeAll
    static void importAll() {
        loupe = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe");
    }

    @Test
    void everyModuleIsImported() {
        // The rules below would pass vacuously if a module's classes were missing.
        for (String pkg : List.of("dev.loupe.core", "dev.loupe.backend.djl", "dev.loupe.backend.tensorflow", "dev.loupe.methods",
                "dev.loupe.metrics", "dev.loupe.render", "dev.loupe.bench", "dev.loupe.api", "dev.loupe.cli")) {
            assertTrue(loupe.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)), "no classes found in " + pkg);
        }
    }

    @Test
    void coreDependsOnNoBackendNoJacksonNoPicocli() {
        noClasses().that().resideInAPackage("dev.loupe.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.djl..", "org.tensorflow..", "dev.loupe.backend..", "com.fasterxml..", "picocli..",
                        "dev.loupe.methods..", "dev.loupe.render..", "dev.loupe.cli..")
                .check(loupe);
    }

    @Test
    void methodsDependOnlyOnCore() {
        classes().that().resideInAPackage("dev.loupe.methods..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.loupe.core..", "dev.loupe.methods..", "java..")
                .check(loupe);
    }

    @Test
    void metricsDependOnlyOnCore() {
        // like methods, metrics are plugins: they see models, maps and tensors through core only
        classes().that().resideInAPackage("dev.loupe.metrics..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.loupe.core..", "dev.loupe.metrics..", "java..")
                .check(loupe);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("dev.loupe.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.cli..")
                .check(loupe);
    }

    @Test
    void backendsDoNotDependOnMethodsRenderOrEachOther() {
        noClasses().that().resideInAPackage("dev.loupe.backend.djl..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.loupe.methods..", "dev.loupe.render..", "dev.loupe.backend.tensorflow..", "org.tensorflow..")
                .check(loupe);
        noClasses().that().resideInAPackage("dev.loupe.backend.tensorflow..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.loupe.methods..", "dev.loupe.render..", "dev.loupe.backend.djl..", "ai.djl..")
                .check(loupe);
    }

    @Test
    void renderDependsOnNoBackendAndNoMethod() {
        noClasses().that().resideInAPackage("dev.loupe.render..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.tensorflow..",
                        "dev.loupe.backend..", "dev.loupe.methods..")
                .check(loupe);
    }

    @Test
    void onlyTheCliUsesTheBenchmark() {
        noClasses().that().resideOutsideOfPackages("dev.loupe.bench..", "dev.loupe.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.loupe.bench..")
                .check(loupe);
    }

    @Test
    void theBenchmarkSeesMethodsAndBackendsOnlyThroughCore() {
        // it times any method and any backend through the SPI; only its bare-engine reference
        // (dev.loupe.bench.djl) talks to DJL directly
        noClasses().that().resideInAPackage("dev.loupe.bench..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.loupe.methods..", "dev.loupe.backend..", "dev.loupe.render..")
                .check(loupe);
        noClasses().that().resideInAPackage("dev.loupe.bench..").and().resideOutsideOfPackage("dev.loupe.bench.djl..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
                .check(loupe);
    }

    @Test
    void theJavaApiSeesBackendsAndMethodsOnlyThroughCore() {
        // loupe-api finds backends and methods with ServiceLoader, so that a user picks them as
        // separate dependencies (a TensorFlow-only user downloads no libtorch)
        classes().that().resideInAPackage("dev.loupe.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.loupe.api..", "dev.loupe.core..", "dev.loupe.render..", "java..", "javax.imageio..")
                .check(loupe);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.loupe.(**)").should().beFreeOfCycles().check(loupe);
    }
}

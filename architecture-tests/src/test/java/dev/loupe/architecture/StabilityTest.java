package dev.loupe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.loupe.core.stability.Experimental;
import dev.loupe.core.stability.Internal;
import dev.loupe.core.stability.Stable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type says how far it can be relied on, with exactly one of
 * {@link Stable}, {@link Experimental} and {@link Internal}; and a stable type's public methods
 * neither take nor return an internal one, so the stable surface does not lean on what may change.
 */
class StabilityTest {

    private static JavaClasses loupe;

    @BeforeAll
    static void importAll() {
        loupe = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe");
    }

    @Test
    void theRulesSeeEveryModule() {
        for (String pkg : List.of("dev.loupe.core", "dev.loupe.api", "dev.loupe.testkit", "dev.loupe.cli", "dev.loupe.metrics")) {
            assertTrue(loupe.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)), "no classes found in " + pkg);
        }
    }

    @Test
    void everyPublicTopLevelTypeHasExactlyOneStability() {
        classes().that().arePublic().and().areTopLevelClasses()
                .should(haveExactlyOneStability())
                .check(loupe);
    }

    @Test
    void stableTypesDoNotExposeInternalOnes() {
        methods().that().arePublic().and().areDeclaredInClassesThat().areAnnotatedWith(Stable.class)
                .should(notMentionInternalTypes())
                .check(loupe);
    }

    private static ArchCondition<JavaClass> haveExactlyOneStability() {
        return new ArchCondition<>("carry exactly one of @Stable, @Experimental, @Internal") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                long count = Stream.of(Stable.class, Experimental.class, Internal.class).filter(type::isAnnotatedWith).count();
                if (count != 1) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " carries " + count
                            + " stability annotations; give it exactly one of @Stable, @Experimental, @Internal"));
                }
            }
        };
    }

    private static ArchCondition<JavaMethod> notMentionInternalTypes() {
        DescribedPredicate<JavaClass> internal = DescribedPredicate.describe("@Internal",
                type -> type.isAnnotatedWith(Internal.class));
        return new ArchCondition<>("neither take nor return an @Internal type") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                if (method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    return;
                }
                List<JavaClass> mentioned = new ArrayList<>(method.getRawParameterTypes());
                mentioned.add(method.getRawReturnType());
                for (JavaClass type : mentioned) {
                    if (internal.test(type)) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " (in a @Stable type) mentions @Internal "
                                + type.getName() + "; make that type @Stable or keep it out of the signature"));
                    }
                }
            }
        };
    }
}

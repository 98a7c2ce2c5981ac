package io.tierblog.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.PostSearch;
import io.tierblog.domain.port.out.UserRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of docs/architecture.md, checked on the compiled production classes. */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        // Production classes only: no test-classes directories, no test-jars of the other modules.
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        production = new ClassFileImporter()
                .withImportOption(productionOnly)
                .importPackages("io.tierblog");
    }

    @Test
    void theDomainIsPlainJava() {
        ArchRule rule = noClasses().that().resideInAPackage("io.tierblog.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "javax..",
                        "java.sql..", "org.slf4j..", "com.fasterxml..", "org.postgresql..")
                .because("the domain depends on the JDK only");
        rule.check(production);
    }

    @Test
    void theDomainKnowsNoAdapter() {
        noClasses().that().resideInAPackage("io.tierblog.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierblog.web..", "io.tierblog.persistence..",
                        "io.tierblog.app..")
                .check(production);
    }

    @Test
    void inPortsAndOutPortsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.tierblog.domain.port.in..")
                .should().dependOnClassesThat().resideInAPackage("io.tierblog.domain.port.out..")
                .check(production);
        noClasses().that().resideInAPackage("io.tierblog.domain.port.out..")
                .should().dependOnClassesThat().resideInAPackage("io.tierblog.domain.port.in..")
                .check(production);
    }

    @Test
    void theWebTierNeverSeesPersistence() {
        noClasses().that().resideInAPackage("io.tierblog.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierblog.persistence..", "io.tierblog.app..",
                        "io.micronaut.data..", "java.sql..", "javax.sql..", "org.postgresql..")
                .check(production);
    }

    @Test
    void thePersistenceAdapterNeverSeesTheWebTier() {
        noClasses().that().resideInAPackage("io.tierblog.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierblog.web..", "io.tierblog.app..",
                        "io.micronaut.http..", "io.micronaut.views..", "io.micronaut.security..")
                .check(production);
    }

    @Test
    void theWebTierCallsUseCasesNotOutPorts() {
        noClasses().that().resideInAPackage("io.tierblog.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tierblog.domain.port.out..",
                        "io.tierblog.domain.service..")
                .because("controllers go through the in-ports; the app decides which service answers")
                .check(production);
    }

    @Test
    void adapterClassesAreNotPublic() {
        classes().that().resideInAPackage("io.tierblog.persistence..")
                .and().implement(UserRepository.class).or().implement(PostRepository.class)
                .or().implement(LoginAttemptRepository.class).or().implement(PostSearch.class)
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(production);
        classes().that().resideInAPackage("io.tierblog.web..")
                .and().areAnnotatedWith(io.micronaut.http.annotation.Controller.class)
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(production);
    }

    @Test
    void thePoolAReadUsesIsChosenWhereTheAppWiresItsUseCases() {
        noClasses().that().resideOutsideOfPackages("io.tierblog.app..", "io.tierblog.persistence..")
                .should().dependOnClassesThat().resideInAPackage("io.tierblog.app.replica..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.tierblog.persistence.ReplicaReads")
                .because("the domain and the web tier know nothing of pools and replicas")
                .check(production);
        noClasses().that().resideInAPackage("io.tierblog.persistence..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.micronaut.http.context.ServerRequestContext")
                .because("adapters never guess which pool a request wants")
                .check(production);
        classes().that().haveSimpleNameContaining("Routing").or().haveSimpleNameContaining("ReplicaMonitor")
                .or().haveSimpleNameContaining("WritePositions")
                .should().resideInAPackage("io.tierblog.app.replica")
                .check(production);
        noClasses().that().resideOutsideOfPackages("io.tierblog.app..", "io.tierblog.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.tierblog.web.ReadPositions")
                .because("read positions pass between the app's wiring and the web tier only")
                .check(production);
    }

    @Test
    void theRulesSeeEveryModule() {
        // A rule over an empty import passes vacuously; make sure each module's classes are there.
        for (String pkg : new String[] {"io.tierblog.domain", "io.tierblog.web", "io.tierblog.persistence",
                "io.tierblog.app"}) {
            org.assertj.core.api.Assertions.assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s are imported", pkg).isTrue();
        }
    }
}

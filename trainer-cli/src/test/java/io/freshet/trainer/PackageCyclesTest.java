package io.freshet.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.freshet.testing.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * The trainer's packages import one way: the command lines and the service use eval and metrics, never the other
 * way.
 */
class PackageCyclesTest {
    private static final JavaClasses CLASSES = PackageRules.mainClasses("io.freshet.trainer");

    @Test
    void noPackageImportsOneThatImportsItBack() {
        PackageRules.assertNoPackageCycles(CLASSES);
    }

    @Test
    void evaluationKnowsNoCommandLine() {
        noClasses().that().resideInAPackage("io.freshet.trainer.eval..").should().dependOnClassesThat()
                .resideInAnyPackage("io.freshet.trainer", "picocli..").check(CLASSES);
    }

    @Test
    void runMetricsKnowNoCommandLineAndNoSpark() {
        noClasses().that().resideInAPackage("io.freshet.trainer.metrics..").should().dependOnClassesThat()
                .resideInAnyPackage("io.freshet.trainer", "io.freshet.trainer.eval..", "picocli..", "org.apache.spark..")
                .check(CLASSES);
    }
}

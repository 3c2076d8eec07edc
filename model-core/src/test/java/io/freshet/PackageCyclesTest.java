package io.freshet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.freshet.testing.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * model-core's packages import one way only, and none needs Spark, a command line or a streaming engine: the root
 * (the exceptions both sides raise) imports none of the packages below it, and no package cycle exists.
 */
class PackageCyclesTest {
    private static final JavaClasses CLASSES = PackageRules.mainClasses("io.freshet");

    @Test
    void noPackageImportsOneThatImportsItBack() {
        PackageRules.assertNoPackageCycles(CLASSES);
    }

    @Test
    void theRootImportsNoPackageBelowIt() {
        noClasses().that().resideInAPackage("io.freshet").should().dependOnClassesThat()
                .resideInAPackage("io.freshet.(**)").check(CLASSES);
    }

    @Test
    void nothingNeedsSparkPicocliOrAStreamingEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "picocli..")
                .check(CLASSES);
    }
}

package io.freshet.predictor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The predictor's packages import one way only: command lines ->
 * stream -> placement -> executor, stream -> metrics, and the feeder apart. Read from the compiled main classes, tests left out.
 */
class PackageCyclesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.freshet.predictor");
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        slices().matching("io.freshet.predictor.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noLowerPackageImportsTheCommandLines() {
        noClasses().that().resideInAnyPackage("io.freshet.predictor.stream..", "io.freshet.predictor.placement..",
                        "io.freshet.predictor.executor..", "io.freshet.predictor.feed..", "io.freshet.predictor.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.freshet.predictor")
                .because("the command lines call the packages below them, never the other way round")
                .check(classes);
    }

    @Test
    void placementAndTheExecutorsKnowNoStream() {
        noClasses().that().resideInAnyPackage("io.freshet.predictor.placement..", "io.freshet.predictor.executor..")
                .should().dependOnClassesThat().resideInAnyPackage("io.freshet.predictor.stream..",
                        "org.apache.spark.streaming..", "org.apache.spark.sql.streaming..", "picocli..")
                .check(classes);
    }

    @Test
    void theMetricsKnowNoStreamPlacementOrExecutor() {
        noClasses().that().resideInAPackage("io.freshet.predictor.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.freshet.predictor.stream..",
                        "io.freshet.predictor.placement..", "io.freshet.predictor.executor..",
                        "org.apache.spark.streaming..", "org.apache.spark.sql.streaming..")
                .because("the stream jobs feed the metrics, which only count")
                .check(classes);
    }

    @Test
    void theExecutorSideKnowsNoPlacement() {
        noClasses().that().resideInAPackage("io.freshet.predictor.executor..")
                .should().dependOnClassesThat().resideInAPackage("io.freshet.predictor.placement..")
                .check(classes);
    }
}

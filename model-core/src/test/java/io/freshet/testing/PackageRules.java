package io.freshet.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Package rules each module's tests check on its compiled main classes (tests left out). */
public final class PackageRules {
    private PackageRules() {
    }

    /** The main classes under {@code basePackage}. */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** No package under io.freshet among {@code classes} imports one that imports it back, however indirectly. */
    public static void assertNoPackageCycles(JavaClasses classes) {
        slices().matching("io.freshet.(**)").should().beFreeOfCycles().check(classes);
    }
}

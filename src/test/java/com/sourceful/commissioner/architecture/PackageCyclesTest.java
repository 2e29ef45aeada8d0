package com.sourceful.commissioner.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;

import org.junit.jupiter.api.Test;

/** The cycle rule of {@link ArchitectureTest} catches a cycle, and the app's own classes have none. */
class PackageCyclesTest {

    private static final String PLANTED = "com.sourceful.commissioner.architecture.planted";

    @Test
    void failsOnAPlantedCycleBetweenTwoPackages() {
        JavaClasses planted = new ClassFileImporter().importPackages(PLANTED);

        EvaluationResult result = PackageCycles.freeOfCycles(PLANTED).evaluate(planted);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(PLANTED + ".a", PLANTED + ".b");
    }

    @Test
    void seesTheCycleFromTheAppsRootToo() {
        JavaClasses planted = new ClassFileImporter().importPackages(PLANTED);

        assertThat(PackageCycles.freeOfCycles("com.sourceful.commissioner").evaluate(planted).hasViolation()).isTrue();
    }

    @Test
    void passesOnTheAppsClasses() {
        JavaClasses app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.sourceful.commissioner");

        EvaluationResult result = PackageCycles.freeOfCycles("com.sourceful.commissioner").evaluate(app);

        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }
}

package com.sourceful.commissioner.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.Main;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering the project relies on: logic that runs without a UI, and simulators independent of the clients. */
@AnalyzeClasses(packages = "com.sourceful.commissioner", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule logicDoesNotUseJavaFx = noClasses()
            .that().resideInAnyPackage("..zap..", "..discovery..", "..novacore..", "..commissioning..", "..http..",
                    "..provisioning..", "..wifi..", "..devicescan..", "..visit..",
                    "..sim..", "..cli..", "..preflight..", "..telemetry..", "..control..", "..outbox..", "..report..", "..details..", "..files..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("the Zap, discovery, Novacore, domain, preflight, telemetry, outbox, report, error-details, simulator and command-line code must run and be tested"
                    + " without a UI");

    @ArchTest
    static final ArchRule osColorSchemeDetectionHasNoJavaFx = noClasses()
            .that().resideInAPackage("..ui.theme..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("it runs processes on a background thread before the toolkit starts, and is tested without one");

    @ArchTest
    static final ArchRule logicDoesNotKnowTheUi = noClasses()
            .that().resideInAnyPackage("..zap..", "..discovery..", "..novacore..", "..commissioning..", "..http..",
                    "..provisioning..", "..wifi..", "..devicescan..", "..visit..",
                    "..preflight..", "..telemetry..", "..control..", "..outbox..", "..report..", "..details..", "..files..")
            .should().dependOnClassesThat().resideInAnyPackage("..ui..", "..sim..");

    @ArchTest
    static final ArchRule simulatorsAreIndependentOfTheClients = noClasses()
            .that().resideInAPackage("..sim..")
            .should().dependOnClassesThat().resideInAnyPackage("..zap..", "..novacore..", "..discovery..", "..ui..",
                    "..commissioning..", "..http..", "..preflight..", "..wifi..", "..devicescan..", "..visit..")
            .because("a simulator that reused the client's parsing would agree with the client's mistakes");

    @ArchTest
    static final ArchRule onlyTheDemoWiringReachesTheSimulators = noClasses()
            .that().resideOutsideOfPackage("com.sourceful.commissioner.sim..")
            .and().doNotHaveFullyQualifiedName(Main.class.getName())
            .and().doNotHaveFullyQualifiedName(DemoEnvironment.class.getName())
            .should().dependOnClassesThat().resideInAPackage("com.sourceful.commissioner.sim..")
            .because("the simulators are the demo's stand-ins for a Zap and Novacore; only Main and DemoEnvironment"
                    + " start them, and everything else works unchanged against the real ones");

    @ArchTest
    static final ArchRule noPackageCycles = PackageCycles.freeOfCycles("com.sourceful.commissioner");

    @ArchTest
    static final ArchRule uiDoesNotUseTheSimulators = noClasses()
            .that().resideInAPackage("..ui..")
            .should().dependOnClassesThat().resideInAPackage("..sim..")
            .because("the app must work unchanged against a real Zap and Novacore; only Main wires the demo");

    @ArchTest
    static final ArchRule stepsDoNotReachIntoEachOther = slices()
            .matching("com.sourceful.commissioner.ui.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(),
                    JavaClass.Predicates.resideInAnyPackage("..ui.wizard..", "..ui.common..", "..ui.theme.."))
            // The composition wires every step; nothing depends on it (noPackageCycles guards that).
            .ignoreDependency(JavaClass.Predicates.resideInAPackage("..ui.app.."), DescribedPredicate.alwaysTrue())
            .because("each wizard step is a package of its own; they meet only through the wizard, what steps share"
                    + " (ui.common) and the session");
}

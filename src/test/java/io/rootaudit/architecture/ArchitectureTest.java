package io.rootaudit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.springframework.stereotype.Component;

/**
 * The shape of the code, pinned: command line, then application services, then the job, reports, remediation,
 * exports and notifications, then the store, organization, compliance and audit, then AWS. Nothing depends on a layer above it, no two packages
 * depend on each other, only the entry point exits the JVM, and production code never reaches development tooling.
 */
@AnalyzeClasses(packages = "io.rootaudit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ENTRY_POINT = "io.rootaudit.RootAuditApplication";

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry point").definedBy(ENTRY_POINT.replace(".RootAuditApplication", ""))
            .layer("Command line").definedBy("io.rootaudit.cli..")
            .layer("Application").definedBy("io.rootaudit.application..")
            .layer("Job, reports, remediation").definedBy("io.rootaudit.job..", "io.rootaudit.report..",
                    "io.rootaudit.remediation..", "io.rootaudit.export..", "io.rootaudit.notify..")
            .layer("Store, organization, compliance, audit").definedBy("io.rootaudit.store..",
                    "io.rootaudit.organization..", "io.rootaudit.compliance..", "io.rootaudit.audit..")
            .layer("AWS").definedBy("io.rootaudit.aws..")
            .layer("Configuration").definedBy("io.rootaudit.config..")
            .layer("Development tooling").definedBy("io.rootaudit.devtools..")
            .whereLayer("Command line").mayOnlyBeAccessedByLayers("Entry point", "Development tooling")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Command line", "Development tooling")
            .whereLayer("Job, reports, remediation").mayOnlyBeAccessedByLayers("Application", "Command line",
                    "Development tooling")
            .whereLayer("Store, organization, compliance, audit").mayOnlyBeAccessedByLayers(
                    "Job, reports, remediation", "Application", "Command line", "Development tooling")
            .whereLayer("AWS").mayOnlyBeAccessedByLayers("Store, organization, compliance, audit",
                    "Job, reports, remediation", "Application", "Command line", "Development tooling")
            .whereLayer("Development tooling").mayOnlyBeAccessedByLayers("Entry point");

    /** Every package is a slice of its own, the root package included. */
    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    return javaClass.getPackageName().startsWith("io.rootaudit")
                            ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "packages of io.rootaudit";
                }
            })
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheEntryPointExits = noClasses().that().doNotHaveFullyQualifiedName(ENTRY_POINT)
            .should().callMethod(System.class, "exit", int.class)
            .because("commands return exit codes; only main turns one into the process's exit status");

    @ArchTest
    static final ArchRule productionCodeNeverReachesDevelopmentTooling = noClasses()
            .that().resideOutsideOfPackage("io.rootaudit.devtools..").and().doNotHaveFullyQualifiedName(ENTRY_POINT)
            .should().dependOnClassesThat().resideInAPackage("io.rootaudit.devtools..");

    @ArchTest
    static final ArchRule developmentToolingIsNoPartOfTheApplicationContext = noClasses()
            .that().resideInAPackage("io.rootaudit.devtools..")
            .should().beMetaAnnotatedWith(Component.class)
            .because("the application context of a real run must not contain the emulator, demo or benchmarks");
}

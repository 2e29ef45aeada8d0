package com.sourceful.commissioner.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** No package cycles: every package under a root is a slice of its own, the root package and its parents included. */
final class PackageCycles {

    private PackageCycles() {
    }

    /** Fails when any two packages under {@code root} (or {@code root} itself) depend on each other, however far round. */
    static ArchRule freeOfCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.equals(root) || pkg.startsWith(root + ".") ? SliceIdentifier.of(pkg)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every package under " + root;
            }
        }).should().beFreeOfCycles()
                .because("dependencies go one way: the composition (ui.app) on the steps, the steps on what they share"
                        + " (ui.common, ui.wizard), everything on the logic below; a cycle ties packages into one");
    }
}

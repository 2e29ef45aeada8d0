package com.sourceful.commissioner.testsupport;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/** Runs every test class in name order, except the secrets leak check, which reads their output and so runs last. */
public final class LeakCheckLastOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor d) -> d.getTestClass().getSimpleName().equals("SecretsLeakTest"))
                .thenComparing(d -> d.getTestClass().getName()));
    }
}

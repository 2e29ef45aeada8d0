package com.sourceful.commissioner.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** A child app keeps its settings and its log in the home it is given, whatever the environment names. */
class ChildAppTest {

    /** Run in a child JVM whose environment has them all: prints what a child app would get of them. */
    public static void main(String[] args) {
        System.out.print(ChildApp.folderVariablesIn(ChildApp.main(Path.of("home"))));
    }

    @Test
    void aChildAppGetsNoneOfTheFolderVariables() throws Exception {
        assertThat(ChildApp.runWithFolderVariablesSet(ChildAppTest.class)).isEqualTo("[]");
    }
}

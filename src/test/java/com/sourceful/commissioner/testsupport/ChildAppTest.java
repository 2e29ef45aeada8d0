package com.sourceful.commissioner.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A child app keeps its settings and its log in the home it is given, whatever the environment names. */
class ChildAppTest {

    /** The variables that would win over user.home for the settings and log folders. */
    private static final List<String> FOLDER_VARIABLES = List.of("APPDATA", "XDG_CONFIG_HOME", "LOCALAPPDATA",
            "XDG_STATE_HOME");

    /** Run in a child JVM whose environment has them all: prints what a child app would get of them. */
    public static void main(String[] args) {
        System.out.print(ChildApp.main(Path.of("home")).environment().keySet().stream()
                .filter(FOLDER_VARIABLES::contains).toList());
    }

    @Test
    void aChildAppGetsNoneOfTheFolderVariables() throws Exception {
        ProcessBuilder parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildAppTest.class.getName());
        parent.environment().put("XDG_CONFIG_HOME", "/the/users/own/config");
        parent.environment().put("APPDATA", "C:\\Users\\tech\\AppData\\Roaming");
        parent.environment().put("XDG_STATE_HOME", "/the/users/own/state");
        parent.environment().put("LOCALAPPDATA", "C:\\Users\\tech\\AppData\\Local");
        Process p = parent.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[]");
    }
}

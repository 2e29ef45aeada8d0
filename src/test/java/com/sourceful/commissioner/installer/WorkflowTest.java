package com.sourceful.commissioner.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The workflow proves the app on the technicians' own operating systems: it runs the README's test command on Linux,
 * Windows and macOS runners, and checks what each installer put in with scripts that exist. (actionlint validates
 * the file's syntax and expressions: .ci/lint-workflows.)
 */
class WorkflowTest {

    private static final Path WORKFLOW = Path.of(".github", "workflows", "release.yml");

    private static String job(String workflow, String name) {
        Matcher m = Pattern.compile("(?ms)^  " + name + ":\\n(.*?)(?=^  [a-z-]+:\\n|\\z)").matcher(workflow);
        assertThat(m.find()).as("job " + name).isTrue();
        return m.group(1);
    }

    private static String readmeTestCommand() throws Exception {
        // The README's second fenced command is the test command (the first runs the app).
        Matcher m = Pattern.compile("(?m)^mvn -B[^\\n]*$").matcher(Files.readString(Path.of("README.md")));
        assertThat(m.find()).isTrue();
        assertThat(m.find()).as("the README's second command").isTrue();
        return m.group().replaceAll("#.*", "").trim();
    }

    @Test
    void theTestJobRunsTheReadmesTestCommandOnAllThreeOperatingSystems() throws Exception {
        String test = job(Files.readString(WORKFLOW), "test");
        assertThat(test).contains("os: [ubuntu-22.04, windows-latest, macos-latest]");
        String command = readmeTestCommand();
        assertThat(command).isEqualTo("mvn -B verify");
        assertThat(test).contains("run: " + command);
        assertThat(Files.readString(Path.of(".ci", "run"))).as(".ci/run ends with that command")
                .endsWith(command + "\n");
        assertThat(test).as("peers required where installed").contains("ZAP_REQUIRE_PEERS: '1'");
    }

    @Test
    void eachInstallerIsCheckedByAScriptThatExists() throws Exception {
        String build = job(Files.readString(WORKFLOW), "build");
        for (String script : List.of("installer/windows/check-msi.ps1", "installer/macos/check-app.sh",
                "installer/windows/smoke-msi.ps1", "installer/linux/smoke-deb.sh")) {
            assertThat(build.replace('\\', '/')).contains(script);
            assertThat(Path.of(script)).as(script).isRegularFile();
        }
    }
}

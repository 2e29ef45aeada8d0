package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.discovery.LocalNetworkAccess.Os;

import org.junit.jupiter.api.Test;

/** Reading Windows' network categories, on every OS; PowerShell itself is asked only on Windows. */
class WindowsNetworkProfileTest {

    @Test
    void aPublicNetworkAmongTheConnectedOnesCounts() {
        assertThat(WindowsNetworkProfile.anyPublic("Public\r\n")).contains(true);
        assertThat(WindowsNetworkProfile.anyPublic("Private\r\nPublic\r\n")).contains(true);
        assertThat(WindowsNetworkProfile.anyPublic("DomainAuthenticated\r\nPrivate\r\n")).contains(false);
        assertThat(WindowsNetworkProfile.anyPublic("\r\n  \r\n")).as("no connected network named").isEmpty();
    }

    @Test
    void offWindowsNothingIsAsked() {
        assertThat(WindowsNetworkProfile.anyPublic(Os.LINUX, Duration.ofSeconds(1))).isEmpty();
        assertThat(WindowsNetworkProfile.anyPublic(Os.MACOS, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aMissingCommandIsNoAnswerNotAFailure() {
        assertThat(WindowsNetworkProfile.run(List.of("no-such-command-" + System.nanoTime()), Duration.ofSeconds(5)))
                .isEqualTo(Optional.empty());
    }

    @Test
    void theCommandsStandardOutputIsRead() {
        // Java itself as the child: it is there on every OS; --version prints to standard output.
        String java = ProcessHandle.current().info().command().orElseThrow();
        assertThat(WindowsNetworkProfile.run(List.of(java, "--version"), Duration.ofSeconds(30)))
                .hasValueSatisfying(out -> assertThat(out).contains(String.valueOf(Runtime.version().feature())));
    }

    @Test
    void theCommandAsksForTheCategoriesOnly() {
        assertThat(WindowsNetworkProfile.COMMAND).first().isEqualTo("powershell");
        assertThat(WindowsNetworkProfile.COMMAND).contains("-NoProfile")
                .last().asString().contains("Get-NetConnectionProfile").contains("NetworkCategory");
    }
}

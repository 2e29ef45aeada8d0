package com.sourceful.commissioner.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Windows whether a connected network is set to Public: there Windows Defender Firewall drops inbound mDNS
 * answers unless the app has a rule. Blocking (starts PowerShell): call it off the UI thread.
 */
public final class WindowsNetworkProfile {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsNetworkProfile.class);
    /** One line per connected network: Public, Private or DomainAuthenticated. */
    static final List<String> COMMAND = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
            "Get-NetConnectionProfile | Select-Object -ExpandProperty NetworkCategory");
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private WindowsNetworkProfile() {
    }

    /** True when a connected network is Public; empty off Windows, or when Windows did not say within the timeout. */
    public static Optional<Boolean> anyPublic(LocalNetworkAccess.Os os, Duration timeout) {
        if (os != LocalNetworkAccess.Os.WINDOWS) {
            return Optional.empty();
        }
        return run(COMMAND, timeout).flatMap(WindowsNetworkProfile::anyPublic);
    }

    /** From the command's output: empty when it names no network category. */
    static Optional<Boolean> anyPublic(String output) {
        List<String> categories = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (categories.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(categories.stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).equals("public")));
    }

    /** The command's standard output if it ended well within the timeout; otherwise it is ended and empty. */
    static Optional<String> run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not ask for the network profile ({}): {}", command.get(0), e.toString());
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                    WindowsNetworkProfile::daemon);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("No network profile from {} within {} ms", command.get(0), timeout.toMillis());
                return Optional.empty();
            }
            String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.info("Could not read the network profile: {}", e.toString());
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "network-profile");
        t.setDaemon(true);
        t.start();
    }
}

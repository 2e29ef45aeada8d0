package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.files.SingleInstance;
import com.sourceful.commissioner.files.SingleInstance.ShowAnswer;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.outbox.Outbox;
import com.sourceful.commissioner.testsupport.TestClock;
import com.sourceful.commissioner.testsupport.UnusualHomes;
import com.sourceful.commissioner.ui.common.Preferences;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The settings, the outbox and the one-app lock work in a home with a non-ASCII user name and in one longer than
 * Windows' old MAX_PATH (on every OS; on Windows Java adds the long-path prefix itself). The log: AppLogTest.
 */
class UnusualHomeTest {

    private static final URI BASE = URI.create("https://api.novacore.example");

    @ParameterizedTest
    @EnumSource(UnusualHomes.class)
    void settingsOutboxAndLockWork(UnusualHomes kind, @TempDir Path base) throws Exception {
        Path settings = kind.make(base).resolve("AppData").resolve("Roaming").resolve("ZapCommissioner");

        // The lock first, as Main takes it: it makes the settings folder.
        try (SingleInstance lock = SingleInstance.tryAcquire(settings).orElseThrow()) {
            assertThat(SingleInstance.tryAcquire(settings)).as("held").isEmpty();
            lock.answerShowRequests(() -> { });
            assertThat(SingleInstance.askToShow(settings)).as("the door file is read back")
                    .isEqualTo(ShowAnswer.SHOWN);

            Path preferences = settings.resolve(Preferences.FILE_NAME);
            Preferences.put(preferences, Preferences.LANGUAGE, "sv");
            assertThat(Preferences.load(preferences).language()).contains("sv");

            Outbox outbox = new Outbox(settings.resolve("outbox"),
                    new TestClock(Instant.parse("2026-06-21T10:00:00Z")));
            Outbox.Entry added = outbox.add(new ProvisionRequest("zap-04772a97", "SG1A2B3C4D", "inverter",
                    "sit-7f3a21", "Sungrow SH10RT", "Sungrow", "SH10RT",
                    List.of(new ProvisionRequest.DerEntry("pv-array", "solar"))), BASE);
            outbox.markAttempt(added.id(), "Novacore cannot be reached");
            Outbox.Listing listing = outbox.load();
            assertThat(listing.skipped()).isEmpty();
            assertThat(listing.entries()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(added.id());
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.lastError()).isEqualTo(Optional.of("Novacore cannot be reached"));
            });
            assertThat(settings.toString()).contains(kind == UnusualHomes.LONGER_THAN_MAX_PATH ? base.toString()
                    : UnusualHomes.USER_NAME);
        }
        assertThat(Files.isRegularFile(settings.resolve(SingleInstance.FILE_NAME))).isTrue();
    }
}

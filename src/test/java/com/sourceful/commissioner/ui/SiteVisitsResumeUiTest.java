package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.testsupport.TempFolders;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.sitevisit.ResumeOffer;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app as wired, with a visits folder holding an unfinished visit (as a crash leaves it): the offer comes by
 * itself after the first frame; Enter resumes it — the session is the saved one, the wizard goes on at Add — and the
 * next change is saved under the same visit, with no second visit begun.
 */
class SiteVisitsResumeUiTest extends DemoAppUiTest {

    private static final String ZAP = "zap-0a1b2c3d";
    private Path folder;
    private SiteVisit saved;
    /** The test's reader, made before the app writes: a store made cleans temporary files, a save's in flight too. */
    private VisitStore reader;

    @Override
    DemoApp startApp() throws Exception {
        folder = Files.createTempDirectory("site-visits-ui");
        saved = new SiteVisit(UUID.randomUUID().toString(), Instant.parse("2026-12-05T09:00:00Z"),
                Instant.parse("2026-12-05T09:42:00Z"), false, snapshot());
        reader = new VisitStore(folder);
        reader.save(saved);
        return DemoApp.start(c -> c.withVisitsIn(folder), AppTuning.defaults());
    }

    private static CommissioningSession.Snapshot snapshot() {
        CommissioningSession.Gateway zap = new CommissioningSession.Gateway(ZAP, URI.create("http://127.0.0.1:9"),
                "1.4.2");
        CommissioningSession.DeviceVisit sungrow = new CommissioningSession.DeviceVisit(ZAP,
                new CommissioningSession.Device("SG0001", "sungrow", "inverters", "Sungrow",
                        DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", 502, "unit_id", 1)),
                        List.of(new Der("pv", false))),
                Optional.empty(), List.of("pv"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("obx-1"), Optional.empty(), Optional.empty());
        return new CommissioningSession.Snapshot(Optional.of(zap),
                Optional.of(new CommissioningSession.SiteChoice(Optional.of("sit-1"), "Villa Solsidan")),
                List.of(sungrow), Optional.empty(), List.of(), List.of(), List.of(), Map.of(ZAP, "org-demo"),
                Optional.of("idt-1"), List.of());
    }

    @Test
    void theCrashedVisitIsOfferedResumedAndSavedOnUnderItsId() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dialog().isPresent());
        assertThat(dialog().orElseThrow().getHeaderText())
                .isEqualTo("Villa Solsidan: 1 device, 1 waiting in the outbox");

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.context().wizard().currentStep() == WizardViewModel.Step.ADD);
        CommissioningSession.Snapshot now = FxThreadRobot.onFx(() -> app.context().session().snapshot());
        assertThat(now).as("the session goes on from the saved one").isEqualTo(saved.session());

        robot.interact(() -> app.context().session().technician("idt-2"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> reader.unfinished()
                .map(v -> v.session().technician().equals(Optional.of("idt-2"))).orElse(false));
        SiteVisit after = reader.unfinished().orElseThrow();
        assertThat(after.id()).as("saved on under the resumed visit's id").isEqualTo(saved.id());
        assertThat(after.startedAt()).isEqualTo(saved.startedAt());
        assertThat(after.savedAt()).isAfter(saved.savedAt());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no second visit was begun")
                    .containsExactly(saved.id() + ".json");
        }
    }

    private Optional<DialogPane> dialog() {
        return robot.dialogPane(ResumeOffer.ID);
    }

    @Override
    void afterAppClosed() throws Exception {
        TempFolders.deleteTree(folder);
    }

}

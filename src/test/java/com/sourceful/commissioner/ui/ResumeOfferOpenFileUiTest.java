package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javafx.scene.control.DialogPane;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.testsupport.TempFolders;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.sitevisit.ResumeOffer;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFile;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At start, instead of the unfinished visit offered, a colleague's visit file: a file that is not one says why in the
 * offer, which stays; a visit file is gone on with (the wizard at its step) and the visit offered stays unfinished.
 */
class ResumeOfferOpenFileUiTest extends DemoAppUiTest {

    private static final String ZAP = "zap-0a1b2c3d";
    private Path folder;
    private Path files;
    private VisitStore reader;
    private SiteVisit offered;

    @Override
    DemoApp startApp() throws Exception {
        folder = Files.createTempDirectory("visits-offer");
        files = Files.createTempDirectory("visit-files");
        offered = visit("Villa Solsidan", "SG0001");
        reader = new VisitStore(folder);
        reader.save(offered);
        return DemoApp.start(c -> c.withVisitsIn(folder), AppTuning.defaults());
    }

    private static SiteVisit visit(String site, String sn) {
        CommissioningSession.Gateway zap = new CommissioningSession.Gateway(ZAP, URI.create("http://127.0.0.1:9"),
                "1.4.2");
        CommissioningSession.DeviceVisit device = new CommissioningSession.DeviceVisit(ZAP,
                new CommissioningSession.Device(sn, "sungrow", "inverters", "Sungrow",
                        DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1", "port", 502, "unit_id", 1)),
                        List.of(new Der("pv", false))),
                Optional.empty(), List.of("pv"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new SiteVisit(UUID.randomUUID().toString(), Instant.parse("2026-12-05T09:00:00Z"),
                Instant.parse("2026-12-05T09:42:00Z"), false, new CommissioningSession.Snapshot(Optional.of(zap),
                Optional.of(new CommissioningSession.SiteChoice(Optional.empty(), site)), List.of(device),
                Optional.empty(), List.of(), List.of(), List.of(), Map.of(ZAP, "org-demo"), Optional.empty(),
                List.of()));
    }

    @Test
    void aVisitFileOpenedInsteadGoesOnAndTheOfferedVisitStaysUnfinished() throws Exception {
        SiteVisit colleagues = visit("Villa Norrsken", "SG0002");
        Path file = Files.writeString(files.resolve("norrsken.zapvisit.json"), VisitFile.write(colleagues));
        Path other = Files.writeString(files.resolve("notes.json"), "{\"format\": \"something-else\"}");
        AtomicReference<Path> chosen = new AtomicReference<>(other);
        app.context().openChooser((owner, kind) -> Optional.of(chosen.get()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> offer().isPresent());

        robot.clickOn("#openVisitFileButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> offer().map(p -> FxThreadRobot.onFx(p::getContentText)).orElse("").contains("notes.json"));
        assertThat(FxThreadRobot.onFx(() -> offer().orElseThrow().getContentText())).endsWith("notes.json could not "
                + "be opened. This file is not a visit file of Zap Commissioner. Nothing was changed.");
        assertThat(files(folder)).containsExactly(offered.id() + ".json");

        chosen.set(file);
        robot.clickOn("#openVisitFileButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> offer().isEmpty());
        WizardViewModel wizard = app.context().wizard();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.ADD);
        CommissioningSession.Snapshot now = FxThreadRobot.onFx(() -> app.context().session().snapshot());
        assertThat(now.site()).isEqualTo(colleagues.session().site());
        assertThat(now.visits()).isEqualTo(colleagues.session().visits());
        List<SiteVisit> stored = reader.history();
        assertThat(stored).hasSize(2).allSatisfy(v -> assertThat(v.finished()).isFalse());
        assertThat(stored).extracting(SiteVisit::id).contains(offered.id()).doesNotContain(colleagues.id());
    }

    private Optional<DialogPane> offer() {
        return robot.dialogPane(ResumeOffer.ID);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Override
    void afterAppClosed() throws Exception {
        TempFolders.deleteTree(folder);
        TempFolders.deleteTree(files);
    }
}

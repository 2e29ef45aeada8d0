package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.testsupport.TempFolders;
import com.sourceful.commissioner.ui.app.AppTuning;
import com.sourceful.commissioner.ui.sitevisit.SiteOverview;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.SiteVisit;
import com.sourceful.commissioner.visit.VisitFile;
import com.sourceful.commissioner.visit.VisitProgress;
import com.sourceful.commissioner.visit.VisitStore;
import com.sourceful.commissioner.zap.Der;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A visit exported from the overview on one laptop and opened on a colleague's (a second app with a store of its
 * own): it goes on there under a new id, the wizard where it was; a mutated, a huge and a non-JSON file each say what
 * is wrong and change nothing. Then "Finish visit": what is left is listed, the visit is kept finished, a new begins.
 */
class SiteVisitExportImportUiTest extends DemoAppUiTest {

    private Path mine;
    private Path colleagues;
    private Path files;
    /** The test's readers, made before the apps write: a store made cleans temporary files, a save's too. */
    private VisitStore mineRead;
    private VisitStore colleaguesRead;

    @Override
    DemoApp startApp() throws Exception {
        mine = Files.createTempDirectory("visits-mine");
        colleagues = Files.createTempDirectory("visits-colleague");
        files = Files.createTempDirectory("visit-files");
        mineRead = new VisitStore(mine);
        colleaguesRead = new VisitStore(colleagues);
        return DemoApp.start(c -> c.withVisitsIn(mine), AppTuning.defaults());
    }

    @Test
    void aVisitExportedHereGoesOnOnAColleaguesLaptopAndIsFinishedThere() throws Exception {
        // A visit on this laptop: a site, the demo Zap, a meter with a password (never in a file) and an inverter.
        String zap = demo.zap().serial();
        robot.interact(() -> {
            CommissioningSession session = app.context().session();
            session.selectGateway(new CommissioningSession.Gateway(zap, demo.zap().baseUri(), "1.4.2"));
            session.gatewayClaimed(zap, "org-demo");
            session.siteChosen(new CommissioningSession.SiteChoice(Optional.empty(), "Villa Export"));
            session.deviceAdded(new CommissioningSession.Device("MTR-1", "p1_mqtt", "meters", "Meter",
                    DeviceConfig.of("mqtt", Map.of("broker_host", "127.0.0.1", "password", "hunter2-secret")),
                    List.of(new Der("meter", false))));
            session.publishedDers(List.of("meter"));
            session.startNextDevice();
            session.deviceAdded(new CommissioningSession.Device("SG-1", "sungrow", "inverters", "Sungrow",
                    DeviceConfig.of("modbus_tcp", Map.of("ip", "127.0.0.1")), List.of(new Der("pv", false))));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> mineRead.unfinished().isPresent());
        // The search has found the demo Zap (at its known address): the overview says so.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> FxThreadRobot.onFx(() -> app.context().find().zaps()
                .stream().anyMatch(z -> z.serial().equals(zap) && z.answering())));
        List<String> suggested = new ArrayList<>();
        app.context().saveChooser((owner, name, kind) -> {
            suggested.add(name);
            return Optional.of(files.resolve(name));
        });

        // Enter closes the overview (the focus starts on Close, not on Export, first in the bar).
        openOverview();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.ID).isEmpty());
        assertThat(suggested).isEmpty();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.context().wizard().currentStep()).as("no row's button pressed either")
                .isEqualTo(WizardViewModel.Step.FIND);

        DialogPane overview = openOverview();
        assertThat(labels(overview)).anySatisfy(t -> assertThat(t).startsWith("at " + demo.zap().baseUri().getHost())
                .contains("firmware ").contains(" · answered the search at "));
        robot.clickOn("#exportVisitButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().startsWith("Visit exported: "));
        assertThat(suggested).singleElement().asString().matches("visit-Villa-Export-\\d{8}-\\d{4}\\.zapvisit\\.json");
        Path exported = files.resolve(suggested.get(0));
        assertThat(status()).isEqualTo("Visit exported: " + exported + ". On another laptop, open it with “Open a "
                + "visit file…” in the site overview.");
        String text = Files.readString(exported);
        assertThat(text).doesNotContain("hunter2").contains("\"password\": \"••••\"");
        SiteVisit sent = VisitFile.read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(text).as("exactly the visit file").isEqualTo(VisitFile.write(sent));
        CommissioningSession.Snapshot here = FxThreadRobot.onFx(() -> app.context().session().snapshot());
        // The session as it is, written as a visit file writes it (the password as its mark).
        assertThat(text).isEqualTo(VisitFile.write(new SiteVisit(sent.id(), sent.startedAt(), sent.savedAt(), false,
                here)));
        assertThat(mineRead.unfinished().map(SiteVisit::id)).contains(sent.id());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.ID).isEmpty());

        // The colleague's laptop: another app, its own (empty) store, another demo Zap.
        fixture.close();
        fixture = DemoApp.start(c -> c.withVisitsIn(colleagues), AppTuning.defaults());
        demo = fixture.demo;
        app = fixture.app;
        AtomicReference<Path> chosen = new AtomicReference<>();
        app.context().openChooser((owner, kind) -> Optional.of(chosen.get()));
        JsonObject mutated = JsonParser.parseString(text).getAsJsonObject();
        mutated.getAsJsonObject("session").getAsJsonArray("visits").get(1).getAsJsonObject()
                .getAsJsonObject("device").remove("sn");
        Path broken = Files.writeString(files.resolve("broken.zapvisit.json"), mutated.toString());
        Path huge = HostileFiles.huge(files.resolve("huge.zapvisit.json"));
        Path photo = Files.write(files.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
        CommissioningSession.Snapshot before = FxThreadRobot.onFx(() -> app.context().session().snapshot());

        openOverview();
        chosen.set(broken);
        robot.clickOn("#openVisitFileButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("could not be opened"));
        assertThat(status()).isEqualTo("broken.zapvisit.json could not be opened. The field "
                + "session.visits[1].device.sn is missing: the file is damaged or was changed by hand. Nothing was "
                + "changed.");
        chosen.set(huge);
        robot.clickOn("#openVisitFileButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().startsWith("huge.zapvisit.json"));
        assertThat(status()).isEqualTo("huge.zapvisit.json could not be opened. The file is larger than 16 MB: no "
                + "visit file is that big. Nothing was changed.");
        chosen.set(photo);
        robot.clickOn("#openVisitFileButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().startsWith("photo.jpg"));
        assertThat(status()).isEqualTo("photo.jpg could not be opened. This file is not a visit file of Zap "
                + "Commissioner. Nothing was changed.");
        assertThat(visitFiles(colleagues)).as("nothing stored").isEmpty();
        assertThat(FxThreadRobot.onFx(() -> app.context().session().snapshot())).isEqualTo(before);
        assertThat(robot.dialogPane(SiteOverview.ID)).as("the overview stays open").isPresent();

        chosen.set(exported);
        robot.clickOn("#openVisitFileButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.ID).isEmpty());
        WizardViewModel wizard = app.context().wizard();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.VERIFY);
        assertThat(VisitProgress.resumeAt(sent.session())).isEqualTo(VisitProgress.Step.VERIFY);
        // Goes on from the file (Verify, entered, may already have added its identity check to the device).
        CommissioningSession.Snapshot opened = FxThreadRobot.onFx(() -> app.context().session().snapshot());
        assertThat(opened.site()).isEqualTo(sent.session().site());
        assertThat(opened.gateway()).isEqualTo(sent.session().gateway());
        assertThat(opened.currentDevice()).isEqualTo(sent.session().currentDevice());
        assertThat(opened.claims()).isEqualTo(sent.session().claims());
        assertThat(opened.visits()).extracting(CommissioningSession.DeviceVisit::device)
                .isEqualTo(sent.session().visits().stream().map(CommissioningSession.DeviceVisit::device).toList());
        List<SiteVisit> stored = colleaguesRead.history();
        assertThat(stored).singleElement().satisfies(v -> {
            assertThat(v.id()).as("a new id").isNotEqualTo(sent.id());
            assertThat(v.finished()).isFalse();
            assertThat(v.startedAt()).isEqualTo(sent.startedAt());
        });
        String importedId = stored.get(0).id();

        // Finish it: what is left is listed first; then a new visit begins at Find, the old one kept finished.
        DialogPane again = openOverview();
        assertThat(labels(again)).anySatisfy(t -> assertThat(t).contains("not seen by the search since the app "
                + "started"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !FxThreadRobot.onFx(() -> robot.visibleNode("#finishVisitButton").isDisabled()));
        robot.clickOn("#finishVisitButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.FINISH_ID).isPresent());
        DialogPane confirm = robot.dialogPane(SiteOverview.FINISH_ID).orElseThrow();
        assertThat(FxThreadRobot.onFx(confirm::getContentText)).contains(
                "Meter (MTR-1): not verified; not provisioned",
                "Sungrow (SG-1): not verified; its DERs do not publish; not provisioned");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.FINISH_ID).isEmpty());
        assertThat(wizard.currentStep()).as("Esc keeps the visit going").isEqualTo(WizardViewModel.Step.VERIFY);
        assertThat(colleaguesRead.history()).singleElement().extracting(SiteVisit::finished)
                .isEqualTo(false);

        robot.clickOn("#finishVisitButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.FINISH_ID).isPresent());
        robot.clickOn("#confirmFinishVisitButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> wizard.currentStep() == WizardViewModel.Step.FIND);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> colleaguesRead.history().stream()
                .anyMatch(v -> v.id().equals(importedId) && v.finished()));
        CommissioningSession.Snapshot fresh = FxThreadRobot.onFx(() -> app.context().session().snapshot());
        assertThat(fresh.visits()).isEmpty();
        assertThat(fresh.gateway()).isEmpty();
        assertThat(colleaguesRead.unfinished()).as("nothing worth resuming yet").isEmpty();
    }

    private DialogPane openOverview() throws Exception {
        // Clicked: Monocle may leave the focus on a notification's popup, where Alt+X goes unheard (SiteOverviewUiTest
        // presses Alt+X); the notification that lies over the button is closed first.
        robot.closeNotifications();
        robot.clickOn("#siteOverviewButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.dialogPane(SiteOverview.ID).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.dialogPane(SiteOverview.ID).orElseThrow();
    }

    private String status() {
        return robot.dialogPane(SiteOverview.ID).map(pane -> FxThreadRobot.onFx(() -> {
            Label status = (Label) pane.lookup("#overviewStatus");
            return status == null ? "" : status.getText();
        })).orElse("");
    }

    private static List<String> labels(DialogPane pane) {
        return FxThreadRobot.onFx(() -> SceneNodes.descendants(pane).stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).toList());
    }

    private static List<String> visitFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Override
    void afterAppClosed() throws Exception {
        for (Path root : new Path[] {mine, colleagues, files}) {
            TempFolders.deleteTree(root);
        }
    }

}

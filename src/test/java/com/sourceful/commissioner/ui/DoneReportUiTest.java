package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javafx.scene.control.Label;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.report.ReportPngs;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import com.sourceful.commissioner.ui.app.App;
import com.sourceful.commissioner.ui.common.Messages;

/**
 * The Done step's "Export report…" and "Save support bundle…" after the real demo flow (find, add a Sungrow with
 * its preflight, live data with a load test, provision), headless. The file dialog cannot be driven headless, so
 * the test puts in a chooser that answers with a path.
 *
 * <p>With {@code -Dreport.sample=assets} it also writes the report as {@code assets/sample-commissioning-report.pdf}
 * and its pages as {@code assets/sample-commissioning-report-N.png} (120 dpi), after a longer look at live data so
 * the chart has something to show.
 */
class DoneReportUiTest {

    private static DemoApp fixture;
    private static DemoEnvironment demo;
    private static App app;
    private final FxThreadRobot robot = new FxThreadRobot();
    private static final AtomicReference<Optional<Path>> CHOSEN = new AtomicReference<>(Optional.empty());
    private static final List<String> SUGGESTED = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixture = DemoApp.start();
        demo = fixture.demo;
        app = fixture.app;
        app.context().saveChooser((owner, name, kind) -> {
            SUGGESTED.add(name);
            return CHOSEN.get().map(p -> Files.isDirectory(p) ? p.resolve(name) : p);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        Messages.setLanguage(null);
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        fixture.close();
    }

    @Test
    void exportsTheReportAndTheSupportBundleAfterTheDemoFlow() throws Exception {
        Optional<Path> sample = Optional.ofNullable(System.getProperty("report.sample")).filter(s -> !s.isBlank())
                .map(Path::of);
        runTheDemoFlow(sample.isPresent() ? 25 : 3);
        String sn = app.context().session().device().orElseThrow().sn();
        String deviceId = app.context().session().provisionResult().orElseThrow().deviceId();

        // Export report…: the suggested name, a file written in the background, and the path shown.
        CHOSEN.set(Optional.of(dir));
        robot.clickAtEndOfScroll("#reportButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.context().wizard().busyProperty().get()
                && !text("#exportStatus").isEmpty() && !text("#exportStatus").contains("…"));
        assertThat(SUGGESTED.get(SUGGESTED.size() - 1)).matches(demo.zap().serial() + "-\\d{8}-\\d{4}\\.pdf")
                .as("the serial's own \"zap-\", not a second one").startsWith("zap-").doesNotStartWith("zap-zap-");
        Path pdf = dir.resolve(SUGGESTED.get(SUGGESTED.size() - 1));
        assertThat(text("#exportStatus")).isEqualTo("Report saved: " + pdf.toAbsolutePath());
        assertThat(text("#exportError")).isEmpty();
        Screenshots.take(fixture.scene(robot), "6c-done-report-saved");
        byte[] bytes = Files.readAllBytes(pdf);
        String report = pdfText(bytes);
        assertThat(report).contains("Commissioning report", demo.zap().serial(), sn, "Sungrow", "Modbus TCP")
                .contains("IP address 127.0.0.1")
                .contains("Passed – The device answers Modbus at 127.0.0.1:" + demo.modbus().port())
                .contains("PV pv Yes", "Battery battery Yes", "Grid meter meter No")
                .contains("kW", deviceId, "Registered: device id " + deviceId)
                .contains("Passed: the load was seen on L1")
                .contains("signed in to Novacore with this identity");
        assertThat(images(bytes)).as("the chart, taken when leaving Verify").isEqualTo(1);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temp file left").containsExactly(pdf);
        }
        if (sample.isPresent()) {
            writeSample(bytes, sample.get());
        }

        // Save support bundle…: a zip with the session, versions, report; the typed token is nowhere in it.
        robot.clickAtEndOfScroll("#bundleButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#exportStatus").startsWith("Support bundle saved"));
        Path zip = dir.resolve(SUGGESTED.get(SUGGESTED.size() - 1));
        assertThat(zip.getFileName().toString()).startsWith("zap-support-" + demo.zap().serial()).endsWith(".zip");
        List<String> names = new ArrayList<>();
        String token = demo.config().demoToken().orElseThrow();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(raw).as(e.getName()).doesNotContain(token).doesNotContain(token.substring(0, 30));
            }
        }
        assertThat(names).contains("system.txt", "session.json", "zaps-seen.json", "commissioning-report.pdf");

        // An unwritable place: a clear message, nothing written, and the buttons work again.
        Path nowhere = dir.resolve("no-such-folder").resolve("r.pdf");
        CHOSEN.set(Optional.of(nowhere));
        robot.clickAtEndOfScroll("#reportButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !text("#exportError").isEmpty());
        assertThat(text("#exportError")).startsWith("The report could not be saved as " + nowhere.toAbsolutePath())
                .contains("That folder does not exist").contains("Nothing was written there");
        assertThat(nowhere.getParent()).doesNotExist();
        assertThat(robot.lookup("#exportError").query().isVisible()).isTrue();
        assertThat(robot.lookup("#reportButton").queryButton().isDisabled()).isFalse();
        Screenshots.take(fixture.scene(robot), "6d-done-report-failed");

        // Cancelling the dialog does nothing.
        CHOSEN.set(Optional.empty());
        int before = SUGGESTED.size();
        robot.clickAtEndOfScroll("#reportButton");
        assertThat(SUGGESTED).hasSize(before + 1);
        assertThat(text("#exportError")).as("the last message stays until the next attempt").isNotEmpty();

        // In Swedish: the report's texts follow the app's language.
        Messages.setLanguage("sv");
        try {
            CHOSEN.set(Optional.of(dir.resolve("sv.pdf")));
            robot.clickAtEndOfScroll("#reportButton");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(dir.resolve("sv.pdf"))
                    && !app.context().wizard().busyProperty().get());
            assertThat(pdfText(Files.readAllBytes(dir.resolve("sv.pdf")))).contains("Driftsättningsrapport",
                    "Platsbesök", "Förkontroll från datorn", "Godkänd", "Sida 1 av");
        } finally {
            Messages.setLanguage(null);
        }
    }

    private void runTheDemoFlow(int secondsOfLiveData) throws Exception {
        var ctx = app.context();
        // Prepared before: this flow provisions; claiming is the Prepare step's tests' subject.
        fixture.zapClaimed();
        // Ours, even if other programs on this computer announce simulated Zaps too.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ctx.find().zaps().stream()
                .anyMatch(z -> z.serial().equals(demo.zap().serial())));
        robot.interact(() -> ctx.find().selectedProperty().set(ctx.find().zaps().stream()
                .filter(z -> z.serial().equals(demo.zap().serial())).findFirst().orElseThrow()));
        fixture.nextFromFindToAdd(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ctx.add().profiles().isEmpty());
        robot.interact(() -> {
            ctx.add().profileProperty().set(ctx.add().profileNamed("sungrow").orElseThrow());
            ctx.add().field("ip").orElseThrow().textProperty().set("127.0.0.1");
        });
        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.VERIFY);
        var verify = ctx.verify();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> verify.der("pv").map(d -> d.series().getData().size())
                .orElse(0) >= 2 && verify.loadTestPossibleProperty().get());
        // A kettle on L1, as the technician would switch it on.
        robot.interact(() -> {
            verify.loadWattsProperty().set("2000");
            verify.loadPhaseProperty().set(1);
            verify.startLoadTest();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> verify.loadTestSwitchOnProperty().get());
        demo.zap().addHouseLoad(2000, 1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !verify.loadTestRunningProperty().get());
        demo.zap().addHouseLoad(0, 1);
        Thread.sleep(secondsOfLiveData * 1000L);
        robot.interact(() -> verify.der("meter").orElseThrow().publishProperty().set(false));
        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.PROVISION);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ctx.provision().sites().isEmpty());
        robot.clickOn("#modelField").write("SH10RT");
        robot.clickOn("#nextButton");
        waitForStep(WizardViewModel.Step.DONE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ctx.session().visits().get(0).chartPng().isPresent());
    }

    private String text(String id) {
        Label l = robot.lookup(id).queryAs(Label.class);
        return l.getText() == null ? "" : l.getText();
    }

    private void waitForStep(WizardViewModel.Step step) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.context().wizard().currentStep() == step);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    private static int images(byte[] pdf) throws IOException {
        int n = 0;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The committed sample: the PDF and its pages at 120 dpi (old page images removed first). */
    private static void writeSample(byte[] pdf, Path assets) throws IOException {
        Files.createDirectories(assets);
        try (Stream<Path> old = Files.list(assets)) {
            for (Path p : old.filter(p -> p.getFileName().toString().matches("sample-commissioning-report-\\d+\\.png"))
                    .toList()) {
                Files.delete(p);
            }
        }
        Path target = assets.resolve("sample-commissioning-report.pdf");
        Files.write(target.resolveSibling(target.getFileName() + ".tmp"), pdf);
        Files.move(target.resolveSibling(target.getFileName() + ".tmp"), target, StandardCopyOption.REPLACE_EXISTING);
        ReportPngs.render(pdf, assets, "sample-commissioning-report", 120);
    }
}

package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Label;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.preflight.PreflightResult;
import com.sourceful.commissioner.sim.NovacoreStandIn;
import com.sourceful.commissioner.sim.ZapSimulator;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.app.AppContext;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One site visit, headless, in demo mode, ending in one report that covers it all: three devices on the demo's Zap
 * (the Modbus inverter stand-in as a Sungrow, a P1 meter, an Ambibox charger over MQTT), then a second Zap of the
 * same visit (a second simulator on another loopback port, found by its typed address) with one device, provisioned,
 * and the Done step's report. The report names both Zaps and each device under its own Zap.
 */
class SiteVisitReportUiTest extends DemoAppUiTest {

    private static final AtomicReference<Optional<Path>> CHOSEN = new AtomicReference<>(Optional.empty());

    @TempDir
    Path dir;

    @Test
    void threeDevicesOnOneZapAndOneOnASecondEndInOneReportOfBoth() throws Exception {
        AppContext ctx = app.context();
        ctx.saveChooser((owner, name, kind) -> CHOSEN.get().map(p -> p.resolve(name)));
        try (ZapSimulator garage = ZapSimulator.builder().bindAddress(InetAddress.getLoopbackAddress()).port(0)
                .announceMdns(false).start()) {
            String first = demo.zap().serial();
            String second = garage.serial();
            assertThat(second).as("two Zaps").isNotEqualTo(first);
            // Both prepared before (claimed by the demo sites' organisation): the claim is the Prepare step's subject.
            fixture.zapClaimed();
            demo.novacore().registerGateway(second, garage.publicKeyHex());
            demo.novacore().claimGateway(second, NovacoreStandIn.DEMO_ORG);

            // Zap 1: found by the search, chosen.
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ctx.find().zaps().stream()
                    .anyMatch(z -> z.serial().equals(first)));
            robot.interact(() -> ctx.find().selectedProperty().set(ctx.find().zaps().stream()
                    .filter(z -> z.serial().equals(first)).findFirst().orElseThrow()));
            fixture.nextFromFindToAdd(robot);

            // 1: the Modbus inverter stand-in as a Sungrow, verified and provisioned, to Done.
            String sungrow = addDevice("sungrow", () -> ctx.add().field("ip").orElseThrow().textProperty()
                    .set("127.0.0.1"));
            verifyAndProvision();
            // Below the fold when an earlier class left the shared stage smaller; a notification may lie over it.
            robot.closeNotifications();
            robot.clickAtEndOfScroll("#addAnotherButton");
            waitForStep(WizardViewModel.Step.ADD);

            // 2: a P1 meter on the Zap's own port (nothing for the laptop to check), looked at on Verify, then back.
            String meter = addDevice("p1_meter", () -> { });
            back();
            waitForStep(WizardViewModel.Step.ADD);

            // 3: an Ambibox charger over MQTT, at a "broker" that takes the connection and says nothing (the Zap
            // simulator only connects; the laptop's check fails, so it is added anyway, as a technician may).
            String charger;
            try (ServerSocket broker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                charger = addDevice("ambibox", () -> {
                    ctx.add().field("broker_host").orElseThrow().textProperty().set("127.0.0.1");
                    ctx.add().field("broker_port").orElseThrow().textProperty().set(String.valueOf(broker
                            .getLocalPort()));
                });
            }

            // Zap 2 in the same visit: back to Find, its address typed and checked, chosen.
            back();
            waitForStep(WizardViewModel.Step.ADD);
            back();
            waitForStep(WizardViewModel.Step.PREPARE);
            back();
            waitForStep(WizardViewModel.Step.FIND);
            // Set and checked through the step (typing and the Check button are FindStepUiTest's subject): under
            // load Monocle may give the keyboard, or a click, to a notification's popup as it shows.
            robot.closeNotifications();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ctx.find().checkingProperty().get());
            robot.interact(() -> {
                ctx.find().typedAddressProperty().set(garage.baseUri().getAuthority());
                ctx.find().checkTypedAddress();
            });
            try {
                WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ctx.find().selectedProperty().get() != null
                        && ctx.find().selectedProperty().get().serial().equals(second));
            } catch (TimeoutException e) {
                throw new AssertionError("the second Zap was not chosen; Find says: "
                        + FxThreadRobot.onFx(() -> ctx.find().errorProperty().get() + " / checking "
                        + ctx.find().checkingProperty().get() + " / selected " + ctx.find().selectedProperty().get()),
                        e);
            }
            robot.closeNotifications();
            fixture.nextFromFindToAdd(robot);
            assertThat(ctx.session().gateway().orElseThrow().serial()).isEqualTo(second);

            // 4: a Sungrow on Zap 2 (the same stand-in, another unit id), verified and provisioned.
            String garageInverter = addDevice("sungrow", () -> {
                ctx.add().field("ip").orElseThrow().textProperty().set("127.0.0.1");
                ctx.add().field("unit_id").orElseThrow().textProperty().set("2");
            });
            verifyAndProvision();

            assertThat(ctx.session().gateways()).extracting(CommissioningSession.Gateway::serial)
                    .containsExactly(first, second);
            assertThat(ctx.session().visits()).extracting(v -> v.gatewaySerial() + "/" + v.device().sn())
                    .containsExactly(first + "/" + sungrow, first + "/" + meter, first + "/" + charger,
                            second + "/" + garageInverter);

            // The Done step's report: one PDF of the whole visit.
            CHOSEN.set(Optional.of(dir));
            robot.clickAtEndOfScroll("#reportButton");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text("#exportStatus").startsWith("Report saved"));
            Path pdf;
            try (var files = Files.list(dir)) {
                pdf = files.filter(p -> p.toString().endsWith(".pdf")).findFirst().orElseThrow();
            }
            String report = pdfText(Files.readAllBytes(pdf));

            int zap1 = report.indexOf("Zap " + first + " Zap serial number " + first);
            int zap2 = report.indexOf("Zap " + second + " Zap serial number " + second);
            assertThat(zap1).as("a part for the first Zap").isPositive();
            assertThat(zap2).as("a part for the second Zap, after the first's").isGreaterThan(zap1);
            assertThat(report.substring(0, zap1)).as("the visit's table counts both")
                    .contains("Zaps in this visit 2", "Devices in this session 4");
            String onFirst = report.substring(zap1, zap2);
            String onSecond = report.substring(zap2);
            assertThat(onFirst).contains("Devices added on this Zap 3")
                    .contains("(" + sungrow + ")", "(" + meter + ")", "(" + charger + ")")
                    .contains("Claimed by (Novacore organisation) " + NovacoreStandIn.DEMO_ORG)
                    .doesNotContain(garageInverter);
            assertThat(onSecond).contains("Devices added on this Zap 1", "(" + garageInverter + ")",
                    "Zap address on the local network " + garage.baseUri().getAuthority())
                    .doesNotContain(sungrow, meter, charger);
            Screenshots.take(scene(), "6e-done-report-two-zaps");
        }
    }

    /**
     * On the Add step: the profile chosen, the form filled by {@code fill}, Next (and "Add anyway" when the laptop's
     * check fails); returns the new device's serial, on the Verify step.
     */
    private String addDevice(String profile, Runnable fill) throws Exception {
        AppContext ctx = app.context();
        AddDeviceViewModel add = ctx.add();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !add.profiles().isEmpty());
        robot.interact(() -> {
            add.profileProperty().set(add.profileNamed(profile).orElseThrow());
            fill.run();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ctx.wizard().canGoNextProperty().get());
        next();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> ctx.wizard().currentStep() == WizardViewModel.Step.VERIFY
                || add.preflightOutcomeProperty().get() == PreflightResult.Outcome.FAILED
                && ctx.wizard().canGoNextProperty().get());
        if (ctx.wizard().currentStep() != WizardViewModel.Step.VERIFY) {
            next();
        }
        waitForStep(WizardViewModel.Step.VERIFY);
        return ctx.session().device().orElseThrow().sn();
    }

    /** Verify with live data, Provision at the demo's Novacore, Done. */
    private void verifyAndProvision() throws Exception {
        AppContext ctx = app.context();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> ctx.verify().der("pv")
                .map(d -> d.series().getData().size()).orElse(0) >= 2 && ctx.wizard().canGoNextProperty().get());
        next();
        waitForStep(WizardViewModel.Step.PROVISION);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ctx.provision().sites().isEmpty());
        robot.interact(() -> ctx.provision().modelProperty().set("SH10RT"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ctx.wizard().canGoNextProperty().get());
        next();
        waitForStep(WizardViewModel.Step.DONE);
        assertThat(ctx.session().provisionResult()).as("registered in the demo's Novacore").isPresent();
    }

    /** Next, with any notification lying over it closed first (they show at the bottom right, over Next). */
    private void next() {
        robot.closeNotifications();
        robot.clickOn("#nextButton");
    }

    private void back() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.context().wizard().canGoBackProperty().get());
        robot.closeNotifications();
        robot.clickOn("#backButton");
    }

    private String text(String id) {
        Label l = robot.lookup(id).queryAs(Label.class);
        return l.getText() == null ? "" : l.getText();
    }

    private void waitForStep(WizardViewModel.Step step) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.context().wizard().currentStep() == step);
        } catch (TimeoutException e) {
            // Which step it stayed on, and why the Add step did not go on, if it did not.
            throw new AssertionError("not on " + step + " but " + app.context().wizard().currentStep()
                    + "; the Add step says: " + app.context().add().errorProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}

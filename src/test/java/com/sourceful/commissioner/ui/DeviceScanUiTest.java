package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.devicescan.DeviceScanner;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.verify.IdentityCheckViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Find devices on this network" in a real window, with a scanner that tells an SMA at the demo's Modbus stand-in and
 * a logger port, then runs until stopped: results while it runs, Esc stops it, "Add this device" fills the form, and
 * once added the result is marked as already on the demo Zap.
 */
class DeviceScanUiTest extends DemoAppUiTest {

    /** Tells its devices at once, then runs until cancelled (at most ten seconds, so a broken Esc fails the test). */
    static final class RunsUntilStopped implements DeviceScanner {
        final List<FoundDevice> devices;
        final CountDownLatch stopped = new CountDownLatch(1);

        RunsUntilStopped(List<FoundDevice> devices) {
            this.devices = devices;
        }

        @Override
        public Report scan(Options options, Listener listener) throws InterruptedException {
            List<FoundDevice> told = new ArrayList<>();
            for (FoundDevice d : devices) {
                listener.found(d);
                told.add(d);
                listener.progress(new Progress(told.size(), 254));
            }
            boolean cancelled = stopped.await(10, TimeUnit.SECONDS);
            return new Report(told, 254, List.of(502), Duration.ofSeconds(1), cancelled);
        }

        @Override
        public void cancel() {
            stopped.countDown();
        }
    }

    @Test
    void resultsFillTheFormAndAreMarkedOnceOnTheZap() throws Exception {
        fixture.nextFromFindToAdd(robot);
        AddDeviceViewModel add = app.context().add();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !add.profiles().isEmpty());
        FoundDevice sma = new FoundDevice("127.0.0.1", demo.modbus().port(), OptionalInt.of(2),
                FoundDevice.MODBUS_TCP, Optional.of("SMA"), Optional.of("SB5.0-1AV-41"), Optional.of("3012345678"),
                Optional.of("4.1"), Optional.of("sma"), "SunSpec common model at 40000: SMA / SB5.0-1AV-41", 1);
        FoundDevice logger = new FoundDevice("127.0.0.9", 8899, OptionalInt.empty(), FoundDevice.SOLARMAN_V5,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "Solarman V5 answer on 8899", 1);
        RunsUntilStopped scanner = new RunsUntilStopped(List.of(sma, logger));
        robot.interact(() -> add.useScanner(() -> scanner));

        clickOn("#scanButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> add.foundRows().size() == 2);
        assertThat(add.scanningProperty().get()).as("results show while the scan runs").isTrue();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !add.scanningProperty().get());
        assertThat(scanner.stopped.getCount()).as("Esc reached the scanner").isZero();
        assertThat(app.context().wizard().currentStep()).as("Esc stopped the scan, not the step")
                .isEqualTo(WizardViewModel.Step.ADD);
        assertThat(add.scanStatusProperty().get()).contains("Scan stopped");
        assertThat(add.foundRows()).hasSize(2).noneMatch(AddDeviceViewModel.FoundRow::onZap);

        TableView<?> table = robot.lookup("#foundTable").queryAs(TableView.class);
        robot.interact(() -> table.getSelectionModel().select(1));
        clickOn("#addFoundButton");
        assertThat(add.scanNoteProperty().get()).contains("RS485-to-Ethernet");
        robot.interact(() -> table.getSelectionModel().select(0));
        clickOn("#addFoundButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(add.profileProperty().get().profile()).isEqualTo("sma");
        assertThat(add.field("ip").orElseThrow().textProperty().get()).isEqualTo("127.0.0.1");
        assertThat(add.field("port").orElseThrow().textProperty().get())
                .isEqualTo(String.valueOf(demo.modbus().port()));
        assertThat(add.field("unit_id").orElseThrow().textProperty().get()).isEqualTo("2");

        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> app.context().wizard().currentStep() == WizardViewModel.Step.VERIFY);
        assertThat(app.context().session().identity()).hasValueSatisfying(i -> {
            assertThat(i.manufacturer()).contains("SMA");
            assertThat(i.serial()).contains("3012345678");
        });
        // The result was made up; the Zap reads what really answers at that address (the demo's stand-in, a
        // Sungrow), and Verify shows both.
        IdentityCheckViewModel identity = app.context().verify().identityCheck();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> identity.toneProperty().get() == Tone.WARNING);
        assertThat(identity.textProperty().get()).isEqualTo(Messages.get("verify.identity.DIFFERENT",
                "Sungrow SH10RT, serial " + DemoEnvironment.DEMO_INVERTER.serial(),
                "SMA SB5.0-1AV-41, serial 3012345678"));
        assertThat(robot.lookup("#identityLabel").queryAs(Labeled.class).getText())
                .isEqualTo(identity.textProperty().get());
        assertThat(app.context().session().identityCheck().map(IdentityCheck::outcome))
                .contains(IdentityCheck.Outcome.DIFFERENT);
        robot.clickOn("#backButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> app.context().wizard().currentStep() == WizardViewModel.Step.ADD);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> add.foundRows().stream()
                .anyMatch(AddDeviceViewModel.FoundRow::onZap));
        assertThat(add.foundRows()).filteredOn(AddDeviceViewModel.FoundRow::onZap).singleElement()
                .satisfies(r -> assertThat(r.device()).isEqualTo(sma));
        assertThat(robot.lookup("#foundTable").lookup(".table-cell")
                .match(n -> n instanceof Labeled l && l.getText() != null
                        && l.getText().startsWith("already on this Zap")).tryQuery()).isPresent();
    }

    /** The step scrolls; a robot clicks where a node is on screen, so bring it into the viewport first. */
    private void clickOn(String query) {
        Node node = robot.lookup(query).query();
        SceneNodes.scrollIntoView(robot, node);
        robot.clickOn(node);
    }
}

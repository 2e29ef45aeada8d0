package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.TableView;

import com.sourceful.commissioner.DemoEnvironment;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.verify.IdentityCheckViewModel;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's own device scanner as AppContext wires it, in a window of its own (DeviceScanUiTest swaps in a fake
 * scanner, which would stay for a later test in the same window).
 */
class DemoDeviceScanUiTest extends DemoAppUiTest {

    /**
     * The app's own scanner, as wired: in demo mode it also tries the Modbus stand-in's port, finds it and names it
     * from its Sungrow identity registers; the form filled from it adds the device, and Verify confirms through the
     * Zap that it is the device the scan found.
     */
    @Test
    void theDemosOwnScannerFindsItsModbusStandInAndTheZapConfirmsIt() throws Exception {
        fixture.zapClaimed();
        fixture.nextFromFindToAdd(robot);
        AddDeviceViewModel add = app.context().add();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !add.profiles().isEmpty());
        robot.clickOn("#scanButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !add.scanningProperty().get()
                && add.foundRows().stream().anyMatch(r -> r.device().port() == demo.modbus().port()));
        FoundDevice standIn = add.foundRows().stream().map(AddDeviceViewModel.FoundRow::device)
                .filter(d -> d.port() == demo.modbus().port()).findFirst().orElseThrow();
        assertThat(standIn.protocol()).isEqualTo(FoundDevice.MODBUS_TCP);
        assertThat(standIn.manufacturer()).contains("Sungrow");
        assertThat(standIn.model()).contains("SH10RT");
        assertThat(standIn.serial()).contains(DemoEnvironment.DEMO_INVERTER.serial());
        assertThat(standIn.profile()).contains("sungrow");
        assertThat(standIn.connections()).isEqualTo(1);

        TableView<?> table = robot.lookup("#foundTable").queryAs(TableView.class);
        int row = add.foundRows().indexOf(add.foundRows().stream().filter(r -> r.device().equals(standIn))
                .findFirst().orElseThrow());
        robot.interact(() -> table.getSelectionModel().select(row));
        SceneNodes.scrollIntoView(robot, robot.visibleNode("#addFoundButton"));
        robot.clickOn("#addFoundButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(add.profileProperty().get().profile()).isEqualTo("sungrow");
        assertThat(add.field("port").orElseThrow().textProperty().get())
                .isEqualTo(String.valueOf(demo.modbus().port()));
        Screenshots.take(scene(), "3d-add-device-scan");

        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> app.context().wizard().currentStep() == WizardViewModel.Step.VERIFY);
        IdentityCheckViewModel identity = app.context().verify().identityCheck();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> identity.toneProperty().get() == Tone.OK);
        assertThat(identity.textProperty().get()).isEqualTo(Messages.get("verify.identity.SAME",
                "Sungrow SH10RT, serial " + DemoEnvironment.DEMO_INVERTER.serial()));
        assertThat(app.context().session().identityCheck().map(IdentityCheck::evidence).orElseThrow())
                .contains("Sungrow input registers 4990").contains("the scan read Sungrow SH10RT");
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.context().verify().der("pv")
                .map(d -> d.series().getData().size() >= 3).orElse(false));
        Screenshots.take(scene(), "4e-verify-identity");
    }
}

package com.sourceful.commissioner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.sourceful.commissioner.devicescan.FoundDevice;
import com.sourceful.commissioner.ui.add.AddDeviceViewModel;

import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's own device scanner as AppContext wires it, in a window of its own (DeviceScanUiTest swaps in a fake
 * scanner, which would stay for a later test in the same window).
 */
class DemoDeviceScanUiTest extends DemoAppUiTest {

    /** The app's own scanner, as wired: in demo mode it also tries the Modbus stand-in's port, and finds it. */
    @Test
    void theDemosOwnScannerFindsItsModbusStandIn() throws Exception {
        fixture.nextFromFindToAdd(robot);
        AddDeviceViewModel add = app.context().add();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !add.profiles().isEmpty());
        robot.interact(add::findDevices); // the button is DeviceScanUiTest's subject; this one is the wiring
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !add.scanningProperty().get()
                && add.foundRows().stream().anyMatch(r -> r.device().port() == demo.modbus().port()));
        FoundDevice standIn = add.foundRows().stream().map(AddDeviceViewModel.FoundRow::device)
                .filter(d -> d.port() == demo.modbus().port()).findFirst().orElseThrow();
        assertThat(standIn.protocol()).isEqualTo(FoundDevice.MODBUS_TCP);
        assertThat(standIn.supportedByZap()).as("the stand-in has no identity registers").isFalse();
        assertThat(standIn.connections()).isEqualTo(1);
    }
}

package com.sourceful.commissioner.ui.sitevisit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.wizard.WizardViewModel;
import com.sourceful.commissioner.visit.VisitProgress.DeviceProgress;
import com.sourceful.commissioner.visit.VisitProgress.ZapProgress;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The overview's rows say the state and what is left, and each goes to the step that finishes it. */
class SiteOverviewViewModelTest {

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(VisitSnapshots.solsidan());
    private final CommissioningSession session = new CommissioningSession();
    private final List<WizardViewModel.Step> opened = new ArrayList<>();
    private final List<String> knownZaps = new ArrayList<>(List.of("ZAP2"));
    private final SiteOverviewViewModel vm = new SiteOverviewViewModel(snapshot::get, session,
            serial -> knownZaps.contains(serial) && serial.equals("ZAP2") ? Optional.of(VisitSnapshots.ZAP2)
                    : Optional.empty(), opened::add);

    @BeforeEach
    void english() {
        Messages.setLanguage("en");
        session.selectGateway(VisitSnapshots.ZAP1);
        session.deviceAdded(VisitSnapshots.device("INV1", "Sungrow SH10RT"));
        vm.refresh();
    }

    @AfterEach
    void defaultLanguage() {
        Messages.setLanguage(null);
    }

    private ZapProgress zap(int index) {
        return vm.progressProperty().get().get(index);
    }

    private DeviceProgress device(String sn) {
        return vm.progressProperty().get().stream().flatMap(z -> z.devices().stream())
                .filter(d -> d.sn().equals(sn)).findFirst().orElseThrow();
    }

    @Test
    void eachZapSaysWhetherItIsClaimedItsWifiAndWhetherItIsTheOneChosen() {
        assertThat(vm.zapLine(zap(0))).isEqualTo("Zap ZAP1 · claimed by org-1 · chosen now");
        assertThat(vm.zapLine(zap(1))).isEqualTo("Zap ZAP2 · not claimed · joined ”Site-WiFi”");
        assertThat(vm.actionText(zap(0))).isEmpty();
        assertThat(vm.actionText(zap(1))).contains("Claim…");
    }

    @Test
    void eachDeviceSaysItsStateAndWhatIsLeft() {
        assertThat(vm.deviceName(device("INV1"))).isEqualTo("Sungrow SH10RT (INV1)");
        assertThat(vm.stateText(device("INV1"))).isEqualTo("Provisioned");
        assertThat(vm.leftText(device("INV1"))).isEqualTo("nothing left");
        assertThat(vm.actionText(device("INV1"))).isEmpty();

        assertThat(vm.stateText(device("MTR1"))).isEqualTo("Verified");
        assertThat(vm.leftText(device("MTR1"))).isEqualTo("its DERs do not publish; not provisioned");
        assertThat(vm.actionText(device("MTR1"))).contains("Verify…");

        assertThat(vm.stateText(device("EVC1"))).isEqualTo("Waiting in the outbox");
        assertThat(vm.leftText(device("EVC1"))).isEqualTo("waiting in the outbox");
        assertThat(vm.actionText(device("EVC1"))).contains("See status…");

        assertThat(vm.stateText(device("OLD1"))).isEqualTo("Removed");
        assertThat(vm.leftText(device("OLD1"))).isEmpty();
        assertThat(vm.actionText(device("OLD1"))).isEmpty();
        assertThat(vm.deviceName(device("OLD1"))).isEqualTo("solis (OLD1)");

        assertThat(vm.stateText(device("BAT1"))).isEqualTo("Added");
        assertThat(vm.leftText(device("BAT1"))).isEqualTo("not verified; its DERs do not publish; not provisioned");
    }

    @Test
    void aDeviceOnTheChosenZapBecomesTheCurrentOneAndTheWizardGoesToItsStep() {
        session.identityFound(new CommissioningSession.Identity(Optional.of("Form"), Optional.empty(),
                Optional.empty()));
        vm.go(device("MTR1"));
        assertThat(session.device().map(CommissioningSession.Device::sn)).contains("MTR1");
        assertThat(session.identity()).as("its own identity, not the form's").contains(VisitSnapshots.IDENTITY);
        assertThat(session.gateway()).contains(VisitSnapshots.ZAP1);
        assertThat(opened).containsExactly(WizardViewModel.Step.VERIFY);

        vm.go(device("EVC1"));
        assertThat(opened).containsExactly(WizardViewModel.Step.VERIFY, WizardViewModel.Step.DONE);
    }

    @Test
    void aDeviceOnAnotherZapChoosesThatZapFirst() {
        assertThat(vm.canGo(device("BAT1"))).isTrue();
        vm.go(device("BAT1"));
        assertThat(session.gateway()).contains(VisitSnapshots.ZAP2);
        assertThat(session.device().map(CommissioningSession.Device::sn)).contains("BAT1");
        assertThat(opened).containsExactly(WizardViewModel.Step.VERIFY);
    }

    @Test
    void aZapWhoseAddressIsNotKnownCannotBeGoneTo() {
        knownZaps.clear();
        assertThat(vm.canGo(device("BAT1"))).isFalse();
        assertThat(vm.canGo(zap(1))).isFalse();
        vm.go(device("BAT1"));
        vm.go(zap(1));
        assertThat(opened).isEmpty();
        assertThat(session.gateway()).contains(VisitSnapshots.ZAP1);
        assertThat(vm.canGo(device("MTR1"))).as("the chosen Zap is known").isTrue();
    }

    @Test
    void aZapNotClaimedGoesToPrepareWithThatZapChosen() {
        vm.go(zap(1));
        assertThat(session.gateway()).contains(VisitSnapshots.ZAP2);
        assertThat(opened).containsExactly(WizardViewModel.Step.PREPARE);
    }

    @Test
    void theCurrentDeviceStaysAsItIs() {
        snapshot.set(new Snapshot(Optional.of(VisitSnapshots.ZAP1), Optional.empty(),
                List.of(VisitSnapshots.visit("ZAP1", "INV1", "Sungrow SH10RT", true, List.of("pv"), null, null)),
                Optional.of("ZAP1/INV1"), List.of(), List.of(), List.of(), Map.of(), Optional.empty(),
                List.of()));
        vm.refresh();
        assertThat(vm.progressProperty().get()).hasSize(1);
        vm.go(device("INV1"));
        assertThat(opened).containsExactly(WizardViewModel.Step.PROVISION);
        assertThat(session.device().map(CommissioningSession.Device::sn)).contains("INV1");
    }

    @Test
    void inSwedish() {
        Messages.setLanguage("sv");
        assertThat(vm.zapLine(zap(1))).isEqualTo("Zap ZAP2 · inget anspråk · anslöt till ”Site-WiFi”");
        assertThat(vm.leftText(device("MTR1"))).isEqualTo("dess DER publiceras inte; inte registrerad");
    }
}

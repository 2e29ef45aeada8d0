package com.sourceful.commissioner.ui.verify;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.Identity;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.devicescan.ZapIdentityCheck;
import com.sourceful.commissioner.ui.common.ErrorMessages;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.ui.common.Tasks;
import com.sourceful.commissioner.ui.common.Tone;
import com.sourceful.commissioner.ui.common.ZapClients;
import com.sourceful.commissioner.zap.ZapClient;

/**
 * Verify's identity line: once per device, the Zap reads the device's identity registers ({@link ZapIdentityCheck})
 * and the line says whether it is the device the scan found, or shows both when they differ. Hidden for devices that
 * are not Modbus.
 */
public final class IdentityCheckViewModel {

    private final Tasks tasks;
    private final ZapClients clients;
    private final CommissioningSession session;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.NONE);
    private String checkedSn;
    private AtomicBoolean stopRunning = new AtomicBoolean();

    public IdentityCheckViewModel(Tasks tasks, ZapClients clients, CommissioningSession session) {
        this.tasks = tasks;
        this.clients = clients;
        this.session = session;
    }

    /** Checks the session's current device, unless it was checked already (then its result is shown again). */
    void check(CommissioningSession.Device device) {
        if (device.sn().equals(checkedSn)) {
            return;
        }
        stopRunning.set(true);
        checkedSn = device.sn();
        Optional<IdentityCheck> earlier = session.identityCheck();
        if (earlier.isPresent()) {
            show(earlier.get());
            return;
        }
        String sn = device.sn();
        Optional<Identity> scanned = session.identity();
        ZapClient client = clients.forZap(session.gateway().orElseThrow().baseUri());
        AtomicBoolean stop = new AtomicBoolean();
        stopRunning = stop;
        text.set(Messages.get("verify.identity.reading"));
        tone.set(Tone.NONE);
        tasks.job(() -> ZapIdentityCheck.check(device.config(), scanned,
                        (address, count, function) -> client.readRegisters(sn, address, count, function), stop::get))
                .onSuccess(result -> {
                    session.identityChecked(sn, result);
                    if (!stop.get()) {
                        show(result);
                    }
                })
                .onFailure(e -> {
                    if (!stop.get()) {
                        text.set(Messages.get("verify.identity.error", ErrorMessages.of(e)));
                        tone.set(Tone.WARNING);
                    }
                })
                .start();
    }

    private void show(IdentityCheck check) {
        String zap = check.throughZap().map(IdentityCheckViewModel::describe).orElse("");
        String scan = check.scanned().map(IdentityCheckViewModel::describe).orElse("");
        switch (check.outcome()) {
            case SAME -> set(Tone.OK, Messages.get("verify.identity.SAME", zap));
            case DIFFERENT -> set(Tone.WARNING, Messages.get("verify.identity.DIFFERENT", zap, scan));
            case READ -> set(Tone.NONE, Messages.get("verify.identity.READ", zap));
            case UNKNOWN -> set(Tone.NONE, Messages.get("verify.identity.UNKNOWN", check.evidence()));
            case FAILED -> set(Tone.WARNING, Messages.get("verify.identity.FAILED", check.evidence()));
            case NOT_MODBUS -> set(Tone.NONE, "");
        }
    }

    private void set(Tone t, String s) {
        tone.set(t);
        text.set(s);
    }

    /** "Sungrow SH10RT, serial A2231234567" in the user's language. */
    static String describe(Identity identity) {
        String name = ZapIdentityCheck.name(identity);
        if (identity.serial().isEmpty()) {
            return name;
        }
        return name.isEmpty() ? Messages.get("verify.identity.serialOnly", identity.serial().get())
                : Messages.get("verify.identity.named", name, identity.serial().get());
    }

    public ReadOnlyStringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone;
    }
}

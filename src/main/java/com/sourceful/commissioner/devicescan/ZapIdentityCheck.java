package com.sourceful.commissioner.devicescan;

import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.sourceful.commissioner.commissioning.CommissioningSession.Identity;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.commissioning.IdentityCheck.Outcome;
import com.sourceful.commissioner.devicescan.ModbusSession.Answer;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapException;

/**
 * After a device is added, the Zap reads its identity registers for the app ({@code GET
 * /api/devices/{sn}/registers/{address}}, the same maps the scan reads, {@link ModbusIdentifier}), and the answer is
 * set beside what the scan read: the same device, or another one at that address and unit id (a wrong unit id, a
 * second inverter behind the same gateway, an address that moved). Reads only.
 */
public final class ZapIdentityCheck {

    /** One bulk read through the Zap: the device's registers from {@code address}, function 3 or 4. */
    @FunctionalInterface
    public interface RegisterReads {
        int[] read(int address, int count, int functionCode) throws ZapException;
    }

    private ZapIdentityCheck() {
    }

    /**
     * @param config    the device's configuration on the Zap (its connection type and unit id)
     * @param scanned   what the LAN scan read from the device the form was filled from, if it was
     * @param cancelled asked between reads: the technician left the step
     */
    public static IdentityCheck check(DeviceConfig config, Optional<Identity> scanned, RegisterReads zap,
                                      BooleanSupplier cancelled) {
        if (!config.type().equals("modbus_tcp") && !config.type().equals("modbus_rtu")) {
            return new IdentityCheck(Outcome.NOT_MODBUS, scanned, Optional.empty(),
                    "connection " + config.type() + ": the Zap reads registers of Modbus devices only");
        }
        int configured = FoundDeviceForm.number(config.fields().get("unit_id"), 1);
        int unit = configured < 0 ? 1 : configured; // only named in the evidence: the Zap knows its unit id
        ThroughZap registers = new ThroughZap(zap, cancelled);
        ModbusIdentifier.Identified read = ModbusIdentifier.identify(registers, unit, true);
        if (registers.stopped != null) {
            Outcome outcome = registers.stopped.status() == 400 ? Outcome.NOT_MODBUS : Outcome.FAILED;
            return new IdentityCheck(outcome, scanned, Optional.empty(), "through the Zap: "
                    + registers.stopped.getMessage());
        }
        if (cancelled.getAsBoolean() || read == null) {
            return new IdentityCheck(Outcome.FAILED, scanned, Optional.empty(), "through the Zap: not read (stopped)");
        }
        if (read.manufacturer().isEmpty()) {
            Outcome outcome = registers.anyRead ? Outcome.UNKNOWN : Outcome.FAILED;
            return new IdentityCheck(outcome, scanned, Optional.empty(), "through the Zap: " + read.evidence());
        }
        Identity throughZap = new Identity(read.manufacturer(), read.model(), read.serial());
        String evidence = "through the Zap: " + read.evidence() + read.serial().map(s -> ", serial " + s).orElse("");
        if (scanned.isEmpty()) {
            return new IdentityCheck(Outcome.READ, scanned, Optional.of(throughZap), evidence);
        }
        Outcome outcome = sameDevice(scanned.get(), throughZap) ? Outcome.SAME : Outcome.DIFFERENT;
        return new IdentityCheck(outcome, scanned, Optional.of(throughZap), evidence + "; the scan read "
                + describe(scanned.get()));
    }

    /**
     * Same make, and the same model and serial wherever both reads have one (case and spacing aside: both came from
     * the same registers, so any other difference is another device).
     */
    static boolean sameDevice(Identity a, Identity b) {
        return same(a.manufacturer(), b.manufacturer()) && same(a.model(), b.model())
                && same(a.serial(), b.serial());
    }

    private static boolean same(Optional<String> a, Optional<String> b) {
        return a.isEmpty() || b.isEmpty() || normal(a.get()).equals(normal(b.get()));
    }

    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Make and model, "Sungrow SH10RT", or what of them there is. */
    public static String name(Identity identity) {
        return (identity.manufacturer().orElse("").strip() + " " + identity.model().orElse("").strip()).strip();
    }

    /** "Sungrow SH10RT, serial A2231234567" and shorter forms, for the evidence. */
    static String describe(Identity identity) {
        String name = name(identity);
        return identity.serial().map(s -> name.isEmpty() ? "serial " + s : name + ", serial " + s).orElse(name);
    }

    /**
     * The Zap as the identifier's register source: the Zap knows the unit id, so the one asked is ignored. A read the
     * Zap tried and failed (500) is noted and the next map tried; any other failure (no Zap, no such device, not
     * Modbus) stops the check.
     */
    private static final class ThroughZap implements ModbusIdentifier.Registers {
        private final RegisterReads zap;
        private final BooleanSupplier cancelled;
        ZapException stopped;
        boolean anyRead;

        ThroughZap(RegisterReads zap, BooleanSupplier cancelled) {
            this.zap = zap;
            this.cancelled = cancelled;
        }

        @Override
        public Answer read(int function, int unit, int address, int count) {
            try {
                int[] registers = zap.read(address, count, function);
                anyRead = true;
                return new Answer(registers, -1, null);
            } catch (ZapException e) {
                if (e.kind() == ZapException.Kind.REJECTED && e.status() == 500) {
                    return Answer.none("the Zap's read failed (" + e.serverMessage().orElse("500") + ")");
                }
                stopped = e;
                return Answer.none(e.getMessage());
            }
        }

        @Override
        public boolean stop() {
            return stopped != null || cancelled.getAsBoolean();
        }
    }
}

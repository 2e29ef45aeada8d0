package com.sourceful.commissioner.devicescan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.sourceful.commissioner.devicescan.ModbusSession.Answer;

/**
 * Who a Modbus device says it is, read from its own registers ({@link DeviceIdentities} has the maps and their
 * sources). The same reads serve the LAN scan (straight to the device) and the check through the Zap (the Zap reads
 * the registers for the app), so both name a device alike.
 */
final class ModbusIdentifier {

    private ModbusIdentifier() {
    }

    /** Where the registers come from: a Modbus TCP session, or the Zap's register endpoint. */
    interface Registers {
        /** One read of {@code count} registers with function 3 or 4. */
        Answer read(int function, int unit, int address, int count);

        /** Stop asking: the connection broke or the work was cancelled. */
        boolean stop();
    }

    /** What one unit id said about itself; manufacturer empty when it answered Modbus but no identity map. */
    record Identified(Optional<String> manufacturer, Optional<String> model, Optional<String> serial,
                      Optional<String> version, String evidence) {
        FoundDevice toDevice(String address, int port, int unit, int connections) {
            Optional<String> profile = manufacturer.flatMap(DeviceIdentities::profileFor);
            String told = profile.isPresent() || manufacturer.isEmpty() ? evidence
                    : evidence + "; not supported by the Zap";
            return new FoundDevice(address, port, OptionalInt.of(unit), FoundDevice.MODBUS_TCP, manufacturer, model,
                    serial, version, profile, told, connections);
        }
    }

    /**
     * What the device at {@code unit} says it is: SunSpec's common model, else Huawei's, else Sungrow's identity
     * registers. Null when nothing answered at this unit id (silence, gateway exception 10/11, garble), unless
     * {@code present}: the device is known to be there (the Zap reads it), so a failed read is noted and the next map
     * tried.
     */
    static Identified identify(Registers registers, int unit, boolean present) {
        boolean answered = present;
        List<String> asked = new ArrayList<>();
        for (int base : DeviceIdentities.SUNSPEC_BASES) {
            Answer marker = registers.read(ModbusSession.READ_HOLDING_REGISTERS, unit, base, 4);
            if (registers.stop()) {
                return answered ? noIdentity(unit, asked) : null;
            }
            if (!marker.somethingAnswered()) {
                if (!answered && base == DeviceIdentities.SUNSPEC_BASES.get(0)) {
                    return null; // silence at the first read: this unit id is not there
                }
                asked.add("SunSpec marker at " + base + ": " + why(marker));
                continue;
            }
            answered = true;
            if (!marker.ok()) {
                asked.add("SunSpec marker at " + base + ": exception " + marker.exceptionCode());
                continue;
            }
            int[] r = marker.registers();
            if (r[0] != DeviceIdentities.SUNSPEC_MARKER_HIGH || r[1] != DeviceIdentities.SUNSPEC_MARKER_LOW) {
                asked.add("no SunSpec marker at " + base);
                continue;
            }
            if (r[2] != DeviceIdentities.SUNSPEC_COMMON_MODEL || r[3] < DeviceIdentities.SUNSPEC_COMMON_LENGTH - 1) {
                asked.add("SunSpec marker at " + base + " but model " + r[2] + " first, not the common model");
                continue;
            }
            Answer common = registers.read(ModbusSession.READ_HOLDING_REGISTERS, unit, base + 4,
                    DeviceIdentities.SUNSPEC_COMMON_LENGTH - 2);
            if (!common.ok()) {
                asked.add("SunSpec common model at " + base + " unreadable");
                continue;
            }
            int[] c = common.registers();
            Optional<String> manufacturer = text(c, DeviceIdentities.SUNSPEC_MN, DeviceIdentities.SUNSPEC_STRING_16);
            Optional<String> model = text(c, DeviceIdentities.SUNSPEC_MD, DeviceIdentities.SUNSPEC_STRING_16);
            Optional<String> version = text(c, DeviceIdentities.SUNSPEC_VR, DeviceIdentities.SUNSPEC_STRING_8);
            Optional<String> serial = text(c, DeviceIdentities.SUNSPEC_SN, DeviceIdentities.SUNSPEC_STRING_16);
            if (manufacturer.isEmpty()) {
                asked.add("SunSpec common model at " + base + " names no manufacturer");
                continue;
            }
            return new Identified(manufacturer, model, serial, version, "SunSpec common model at " + base
                    + ", unit id " + unit + ": " + manufacturer.get() + model.map(m -> " / " + m).orElse(""));
        }
        Answer huawei = registers.read(ModbusSession.READ_HOLDING_REGISTERS, unit, DeviceIdentities.HUAWEI_MODEL,
                DeviceIdentities.HUAWEI_IDENTITY_LENGTH);
        answered |= huawei.somethingAnswered();
        if (huawei.ok()) {
            int[] h = huawei.registers();
            Optional<String> model = text(h, 0, DeviceIdentities.HUAWEI_MODEL_LENGTH);
            Optional<String> serial = text(h, DeviceIdentities.HUAWEI_SN, DeviceIdentities.HUAWEI_SN_LENGTH);
            if (model.isPresent() && model.get().toUpperCase().startsWith("SUN2000")) {
                return new Identified(Optional.of("Huawei"), model, serial, Optional.empty(),
                        "Huawei identity registers 30000 (model), 30015 (SN), unit id " + unit + ": " + model.get());
            }
            asked.add("holding 30000.. not a Huawei model");
        } else if (present) {
            asked.add("holding 30000..: " + why(huawei));
        }
        if (registers.stop()) {
            return answered ? noIdentity(unit, asked) : null;
        }
        Answer sungrow = registers.read(ModbusSession.READ_INPUT_REGISTERS, unit, DeviceIdentities.SUNGROW_SN_WIRE,
                DeviceIdentities.SUNGROW_IDENTITY_LENGTH);
        answered |= sungrow.somethingAnswered();
        if (sungrow.ok()) {
            int[] g = sungrow.registers();
            Optional<String> serial = text(g, 0, DeviceIdentities.SUNGROW_SN_LENGTH);
            int type = g[DeviceIdentities.SUNGROW_SN_LENGTH];
            String typeName = DeviceIdentities.SUNGROW_TYPES.get(type);
            if (serial.isPresent() && typeName != null) {
                return new Identified(Optional.of("Sungrow"), Optional.of(typeName), serial, Optional.empty(),
                        String.format("Sungrow input registers 4990 (SN), 5000 (type code 0x%X), unit id %d: %s",
                                type, unit, typeName));
            }
            if (serial.isPresent() && DeviceIdentities.SUNGROW_SERIAL.matcher(serial.get()).matches()) {
                // A serial of Sungrow's form and a type code the table lacks: Sungrow still, the model by its code.
                String model = String.format("device type 0x%X", type);
                return new Identified(Optional.of("Sungrow"), Optional.of(model), serial, Optional.empty(),
                        String.format("Sungrow input registers 4990 (SN %s), 5000 (type code 0x%X, not in the app's "
                                + "table), unit id %d", serial.get(), type, unit));
            }
            asked.add("input 4990.. not a known Sungrow device type");
        } else if (present) {
            asked.add("input 4990..: " + why(sungrow));
        }
        return answered ? noIdentity(unit, asked) : null;
    }

    private static Identified noIdentity(int unit, List<String> asked) {
        return new Identified(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "Modbus TCP answers at unit id " + unit + ", no known identity registers"
                        + (asked.isEmpty() ? "" : " (" + String.join("; ", asked) + ")"));
    }

    private static String why(Answer answer) {
        return answer.exceptionCode() >= 0 ? "exception " + answer.exceptionCode() : answer.failure();
    }

    private static Optional<String> text(int[] registers, int from, int count) {
        int[] part = new int[count];
        System.arraycopy(registers, from, part, 0, count);
        String s = new Answer(part, -1, null).text();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}

package com.sourceful.commissioner.devicescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession.Identity;
import com.sourceful.commissioner.commissioning.IdentityCheck;
import com.sourceful.commissioner.commissioning.IdentityCheck.Outcome;
import com.sourceful.commissioner.zap.DeviceConfig;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.Test;

class ZapIdentityCheckTest {

    private static final DeviceConfig MODBUS = DeviceConfig.of("modbus_tcp",
            Map.of("profile", "sma", "ip", "127.0.0.5", "port", 502, "unit_id", 3));

    /** A device's registers as the Zap reads them: absent registers make the Zap's read fail (500). */
    private static final class Device implements ZapIdentityCheck.RegisterReads {
        final Map<Integer, Integer> holding = new HashMap<>();
        final Map<Integer, Integer> input = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        ZapException always;

        @Override
        public int[] read(int address, int count, int functionCode) throws ZapException {
            asked.add(functionCode + ":" + address + "+" + count);
            if (always != null) {
                throw always;
            }
            Map<Integer, Integer> table = functionCode == 3 ? holding : input;
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                Integer v = table.get(address + i);
                if (v == null) {
                    throw new ZapException(ZapException.Kind.REJECTED, "GET /api/devices/x/registers/" + address, 500,
                            "read failed: Modbus exception 2", null, null);
                }
                out[i] = v;
            }
            return out;
        }

        Device text(Map<Integer, Integer> table, int at, int registers, String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < registers; i++) {
                int hi = 2 * i < b.length ? b[2 * i] & 0xFF : 0;
                int lo = 2 * i + 1 < b.length ? b[2 * i + 1] & 0xFF : 0;
                table.put(at + i, hi << 8 | lo);
            }
            return this;
        }

        static Device sunSpec(String manufacturer, String model, String serial) {
            Device d = new Device();
            d.holding.put(40000, 0x5375);
            d.holding.put(40001, 0x6e53);
            d.holding.put(40002, 1);
            d.holding.put(40003, 66);
            for (int i = 0; i < 64; i++) {
                d.holding.put(40004 + i, 0);
            }
            return d.text(d.holding, 40004, 16, manufacturer).text(d.holding, 40020, 16, model)
                    .text(d.holding, 40044, 8, "4.01").text(d.holding, 40052, 16, serial);
        }

        static Device sungrow(String serial, int typeCode) {
            Device d = new Device();
            d.text(d.input, 4989, 10, serial);
            d.input.put(4999, typeCode);
            return d;
        }
    }

    private static Identity identity(String manufacturer, String model, String serial) {
        return new Identity(Optional.of(manufacturer), Optional.of(model), Optional.of(serial));
    }

    @Test
    void theSameDeviceReadThroughTheZapIsConfirmedCaseAndSpacingAside() {
        Device zap = Device.sunSpec("SMA", "SB5.0-1AV-41", "3001234567");
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.of(identity("sma ", "SB5.0-1AV-41", "3001234567")),
                zap, () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.SAME);
        assertThat(check.throughZap()).contains(identity("SMA", "SB5.0-1AV-41", "3001234567"));
        assertThat(check.evidence()).contains("SunSpec common model at 40000").contains("serial 3001234567")
                .contains("the scan read sma SB5.0-1AV-41, serial 3001234567");
    }

    @Test
    void anotherDeviceAtTheAddressIsShownBesideWhatTheScanRead() {
        Device zap = Device.sungrow("A2231234567", 0xE03);
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.of(identity("SMA", "SB5.0-1AV-41", "300")),
                zap, () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(check.throughZap()).contains(identity("Sungrow", "SH10RT", "A2231234567"));
        assertThat(check.scanned()).contains(identity("SMA", "SB5.0-1AV-41", "300"));
        assertThat(check.evidence()).contains("Sungrow input registers 4990").contains("the scan read SMA");
        // SunSpec's three places failed through the Zap (500 each) and were passed over, as the scan passes over them
        assertThat(zap.asked).startsWith("3:40000+4", "3:0+4", "3:50000+4").contains("4:4989+11");
    }

    @Test
    void aDifferentSerialOfTheSameModelIsAnotherDevice() {
        Device zap = Device.sunSpec("SMA", "SB5.0-1AV-41", "3001234567");
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.of(identity("SMA", "SB5.0-1AV-41", "3009999999")),
                zap, () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.DIFFERENT);
    }

    @Test
    void withoutAScanTheZapsReadingIsAllThereIs() {
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), Device.sungrow("A22", 0xE03),
                () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.READ);
        assertThat(check.throughZap().flatMap(Identity::model)).contains("SH10RT");
    }

    @Test
    void aDeviceThatIsNotModbusIsNotAsked() {
        Device zap = Device.sungrow("A22", 0xE03);
        IdentityCheck check = ZapIdentityCheck.check(DeviceConfig.of("p1_uart", Map.of()), Optional.empty(), zap,
                () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.NOT_MODBUS);
        assertThat(zap.asked).isEmpty();
    }

    @Test
    void theZapSayingNotModbusStopsAtTheFirstRead() {
        Device zap = new Device();
        zap.always = new ZapException(ZapException.Kind.REJECTED, "GET /api/devices/x/registers/40000", 400,
                "not a Modbus device", null, null);

        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), zap, () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.NOT_MODBUS);
        assertThat(zap.asked).hasSize(1);
    }

    @Test
    void aZapThatDoesNotAnswerOrNoLongerHasTheDeviceFailsTheCheckWithWhy() {
        for (ZapException e : List.of(
                new ZapException(ZapException.Kind.REJECTED, "GET /api/devices/x/registers/40000", 404, "not found",
                        null, null),
                new ZapException(ZapException.Kind.UNREACHABLE, "GET /api/devices/x/registers/40000",
                        "connection refused"))) {
            Device zap = new Device();
            zap.always = e;

            IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), zap, () -> false);

            assertThat(check.outcome()).as(e.getMessage()).isEqualTo(Outcome.FAILED);
            assertThat(check.evidence()).startsWith("through the Zap: ").contains(e.getMessage());
            assertThat(zap.asked).hasSize(1);
        }
    }

    @Test
    void everyReadFailingIsAFailedCheckNamingEachRead() {
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), new Device(), () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check.evidence()).contains("SunSpec marker at 40000: the Zap's read failed (read failed: Modbus")
                .contains("holding 30000..: the Zap's read failed").contains("input 4990..: the Zap's read failed");
    }

    @Test
    void registersThatNameNoKnownMakeAreUnknownNotFailed() {
        Device zap = new Device();
        for (int a = 0; a < 10000; a++) {
            zap.holding.put(a, 0);
            zap.input.put(a, 0);
        }
        for (int a = 30000; a < 30035; a++) {
            zap.holding.put(a, 0x4142);
        }

        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), zap, () -> false);

        assertThat(check.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check.throughZap()).isEmpty();
        assertThat(check.evidence()).contains("no SunSpec marker at 0").contains("not a Huawei model");
    }

    @Test
    void leavingTheStepStopsTheReads() {
        Device zap = Device.sungrow("A22", 0xE03);
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), zap, () -> !zap.asked.isEmpty());

        assertThat(check.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(check.evidence()).contains("stopped");
        assertThat(zap.asked).hasSize(1);
    }

    @Test
    void aSungrowOfATypeCodeTheTableLacksIsStillASungrowNamedByItsCode() {
        IdentityCheck sungrow = ZapIdentityCheck.check(MODBUS, Optional.empty(), Device.sungrow("A2350415770", 0xE0C),
                () -> false);
        assertThat(sungrow.outcome()).isEqualTo(Outcome.READ);
        assertThat(sungrow.throughZap()).contains(identity("Sungrow", "device type 0xE0C", "A2350415770"));
        assertThat(sungrow.evidence()).contains("not in the app's table");

        IdentityCheck other = ZapIdentityCheck.check(MODBUS, Optional.empty(), Device.sungrow("hello world", 0xE0C),
                () -> false);
        assertThat(other.outcome()).as("text that is no Sungrow serial").isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void theSh8RtTwentyFromPysungrowIsNamed() {
        IdentityCheck check = ZapIdentityCheck.check(MODBUS, Optional.empty(), Device.sungrow("A2350415770", 0xE12),
                () -> false);
        assertThat(check.throughZap().flatMap(Identity::model)).contains("SH8.0RT-20");
    }
}

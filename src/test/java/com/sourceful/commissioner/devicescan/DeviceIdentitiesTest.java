package com.sourceful.commissioner.devicescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DeviceIdentitiesTest {

    @Test
    void aManufacturerMapsToTheZapsModbusProfileWhateverItsSpellingOrSuffix() {
        assertThat(DeviceIdentities.profileFor("SMA")).contains("sma");
        assertThat(DeviceIdentities.profileFor("SMA Solar Technology AG")).contains("sma");
        assertThat(DeviceIdentities.profileFor("Fronius")).contains("fronius");
        assertThat(DeviceIdentities.profileFor("SolarEdge ")).contains("solaredge");
        assertThat(DeviceIdentities.profileFor("Solar Edge")).contains("solaredge");
        assertThat(DeviceIdentities.profileFor("HUAWEI")).contains("huawei");
        assertThat(DeviceIdentities.profileFor("Sungrow")).contains("sungrow");
    }

    @Test
    void aManufacturerWithoutAZapProfileHasNone() {
        assertThat(DeviceIdentities.profileFor("KOSTAL")).isEmpty();
        assertThat(DeviceIdentities.profileFor("")).isEmpty();
        // The Zap's Ferroamp and Ambibox profiles are MQTT, not Modbus: a Modbus device so named is not theirs.
        assertThat(DeviceIdentities.profileFor("Ferroamp")).isEmpty();
    }

    @Test
    void registerTextStopsAtTheFirstNulAndDropsControlCharacters() {
        assertThat(answer("SMA\0\0junk").text()).isEqualTo("SMA");
        assertThat(answer(" Symo\u0001 10 ").text()).isEqualTo("Symo 10");
        assertThat(answer("\0\0\0\0").text()).isEmpty();
    }

    @Test
    void theSolarmanV5RequestIsFramedAndChecksummed() {
        byte[] frame = SolarmanV5.request(2712345678L);
        assertThat(frame[0] & 0xFF).isEqualTo(0xA5);
        assertThat(frame[frame.length - 1]).isEqualTo((byte) 0x15);
        int length = (frame[1] & 0xFF) | ((frame[2] & 0xFF) << 8);
        assertThat(frame).hasSize(11 + length + 2);
        assertThat((frame[3] & 0xFF) | ((frame[4] & 0xFF) << 8)).isEqualTo(SolarmanV5.REQUEST);
        assertThat(SolarmanV5.loggerSerial(frame)).isEqualTo(2712345678L);
        int sum = 0;
        for (int i = 1; i < frame.length - 2; i++) {
            sum += frame[i] & 0xFF;
        }
        assertThat(frame[frame.length - 2]).isEqualTo((byte) sum);
        // the Modbus RTU read inside: unit 1, function 3, address 0, 1 register, CRC 0x0A84 (low byte first)
        assertThat(Arrays.copyOfRange(frame, 26, 34))
                .containsExactly(1, 3, 0, 0, 0, 1, 0x84, 0x0A);
    }

    private static ModbusSession.Answer answer(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int[] registers = new int[(b.length + 1) / 2];
        for (int i = 0; i < b.length; i++) {
            registers[i / 2] |= (b[i] & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        return new ModbusSession.Answer(registers, -1, null);
    }
}

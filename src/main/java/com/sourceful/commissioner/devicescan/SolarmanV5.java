package com.sourceful.commissioner.devicescan;

/**
 * Just enough of the Solarman V5 framing to recognise a logger (Deye, Solis and others' Wi-Fi/LAN sticks on TCP
 * 8899). Source (third-party, after Solarman's own document): pysolarmanv5's protocol description,
 * https://pysolarmanv5.readthedocs.io/en/latest/solarmanv5_protocol.html: header = start 0xA5, payload length (u16 LE), control code (u16 LE;
 * request 0x4510, response 0x1510), sequence (u16), logger serial (u32 LE); request payload = frame type 0x02,
 * sensor type (u16), three u32 times, then a Modbus RTU frame; trailer = checksum (sum of the bytes from the length
 * to the payload's end, mod 256) and end 0x15.
 */
final class SolarmanV5 {

    static final int START = 0xA5;
    static final int END = 0x15;
    static final int REQUEST = 0x4510;
    static final int RESPONSE = 0x1510;
    static final int HEADER_LENGTH = 11;

    private SolarmanV5() {
    }

    /** A read of one holding register at unit 1, address 0, wrapped for logger {@code serial} (0 when unknown). */
    static byte[] request(long serial) {
        byte[] rtu = {1, 3, 0, 0, 0, 1, 0, 0};
        int crc = crc16(rtu, 6);
        rtu[6] = (byte) crc;
        rtu[7] = (byte) (crc >> 8);
        int payloadLength = 15 + rtu.length;
        byte[] frame = new byte[HEADER_LENGTH + payloadLength + 2];
        frame[0] = (byte) START;
        frame[1] = (byte) payloadLength;
        frame[2] = (byte) (payloadLength >> 8);
        frame[3] = (byte) REQUEST;
        frame[4] = (byte) (REQUEST >> 8);
        frame[5] = 1; // sequence
        frame[6] = 0;
        for (int i = 0; i < 4; i++) {
            frame[7 + i] = (byte) (serial >> (8 * i));
        }
        frame[HEADER_LENGTH] = 0x02; // frame type: inverter; the rest of the payload's header stays 0
        System.arraycopy(rtu, 0, frame, HEADER_LENGTH + 15, rtu.length);
        int sum = 0;
        for (int i = 1; i < frame.length - 2; i++) {
            sum += frame[i] & 0xFF;
        }
        frame[frame.length - 2] = (byte) sum;
        frame[frame.length - 1] = (byte) END;
        return frame;
    }

    static boolean isResponseHeader(byte[] head) {
        return head.length >= HEADER_LENGTH && (head[0] & 0xFF) == START && control(head) == RESPONSE;
    }

    static int control(byte[] head) {
        return (head[3] & 0xFF) | ((head[4] & 0xFF) << 8);
    }

    static long loggerSerial(byte[] head) {
        long serial = 0;
        for (int i = 3; i >= 0; i--) {
            serial = (serial << 8) | (head[7 + i] & 0xFF);
        }
        return serial;
    }

    /** Modbus RTU CRC-16 (polynomial 0xA001, initial 0xFFFF). */
    static int crc16(byte[] bytes, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}

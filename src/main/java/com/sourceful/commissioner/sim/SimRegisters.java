package com.sourceful.commissioner.sim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The simulated Zap's {@code GET /api/devices/{sn}/registers/{address}}: the query checked as the document lists it,
 * the registers read from the device, and the answer's two shapes.
 * <ul>
 *   <li>Query: {@code type} (u16, i16, u32, i32, f32, u64, i64, str; default u16), {@code size} (1..125),
 *       {@code endianness} (little, big; default little), {@code scale_factor} (a decimal number),
 *       {@code function_code} (3 holding, 4 input; default 4, as the firmware notes say). Anything else is
 *       ignored.</li>
 *   <li>Bulk (a {@code size} and no {@code type}): {@code {address, count, values:["0x0E03", …]}}. Typed:
 *       {@code {address, value, type, registers:[…]}}. A register is written {@code "0x"} and four upper-case hex
 *       digits. u16/i16 take one register, u32/i32/f32 two, u64/i64 four (a {@code size} beside them is ignored:
 *       our choice, the document does not say), str {@code size} registers (two bytes each, high byte first, UTF-8,
 *       up to the first NUL, trimmed).</li>
 *   <li>Word order: the document does not say whether {@code endianness} orders the words or the bytes. Modbus
 *       sends each register high byte first, so we read it as the order of the words: "big", the first register is
 *       the most significant word; "little" (the default), the first register is the least significant word.</li>
 *   <li>{@code scale_factor} multiplies a number (exactly, in decimal); the value stays an integer without one. An
 *       f32 that is not finite is {@code null} (JSON has no NaN).</li>
 *   <li>Reading: a modbus_tcp device on a loopback address (127.x.y.z) is really read, one Modbus TCP request on a
 *       connection of its own closed at once (many devices take one client at a time), within the firmware's
 *       1000 ms; an address in an RFC 5737 documentation range does not answer (at once, not after 1000 ms); every
 *       other address, and every modbus_rtu device (there is no RS485 bus here), answers as
 *       {@link ModbusTcpStandIn} does at the device's unit id, without any connection being opened.</li>
 * </ul>
 * This reads Modbus on its own (not with the app's devicescan code): the simulator stands in for independent
 * firmware.
 */
final class SimRegisters {

    /** The firmware's Modbus timeout per request. */
    static final int MODBUS_TIMEOUT_MILLIS = 1000;
    static final int MAX_COUNT = 125;
    private static final Map<String, Integer> WIDTHS = widths();
    private static final Pattern WHOLE = Pattern.compile("\\d{1,6}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

    private SimRegisters() {
    }

    private static Map<String, Integer> widths() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("u16", 1);
        w.put("i16", 1);
        w.put("u32", 2);
        w.put("i32", 2);
        w.put("f32", 2);
        w.put("u64", 4);
        w.put("i64", 4);
        w.put("str", 0);
        return w;
    }

    /** A checked request: {@code type} null for a bulk read; {@code scale} null without a scale factor. */
    record Request(int address, int count, String type, boolean bigEndian, BigDecimal scale, int functionCode) {
    }

    /** A 400 answer: message and the parameter at fault. */
    static final class BadRequest extends Exception {
        final String field;

        BadRequest(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** A 500 answer: the read did not give registers; the message says what happened. */
    static final class ReadFailed extends Exception {
        ReadFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** Where a device is and how it is reached, from its saved config. */
    record Device(String connectionType, String ip, int port, int unitId) {
        static Device of(JsonObject config) {
            String type = config.get("type").getAsString();
            return new Device(type, config.has("ip") ? config.get("ip").getAsString() : null,
                    config.has("port") ? config.get("port").getAsInt() : 502,
                    config.has("unit_id") ? config.get("unit_id").getAsInt() : 1);
        }

        boolean modbus() {
            return connectionType.equals("modbus_tcp") || connectionType.equals("modbus_rtu");
        }

        String where() {
            return "; device " + (ip == null ? "on RS485" : ip + ":" + port) + ", unit " + unitId;
        }
    }

    // ------------------------------------------------------------------ request

    static Request parse(String addressText, String rawQuery) throws BadRequest {
        Map<String, String> q = query(rawQuery);
        int address = whole("address", addressText, 0, 0xFFFF, "a register address 0..65535");
        String type = q.get("type");
        if (type != null && !WIDTHS.containsKey(type)) {
            throw new BadRequest("type", "unknown type '" + type + "' (one of " + String.join(", ", WIDTHS.keySet())
                    + ")");
        }
        Integer size = null;
        if (q.containsKey("size")) {
            size = whole("size", q.get("size"), 1, MAX_COUNT, "a register count 1.." + MAX_COUNT);
        }
        String endianness = q.getOrDefault("endianness", "little");
        if (!endianness.equals("little") && !endianness.equals("big")) {
            throw new BadRequest("endianness", "endianness must be little or big, got '" + endianness + "'");
        }
        int function = q.containsKey("function_code")
                ? whole("function_code", q.get("function_code"), 3, 4, "3 (holding) or 4 (input)") : 4;
        BigDecimal scale = null;
        if (q.containsKey("scale_factor")) {
            String s = q.get("scale_factor");
            if (!DECIMAL.matcher(s).matches()) {
                throw new BadRequest("scale_factor", "scale_factor must be a number, got '" + s + "'");
            }
            scale = new BigDecimal(s);
        }
        if ("str".equals(type) && size == null) {
            throw new BadRequest("size", "type str needs size (the number of registers to read)");
        }
        boolean bulk = type == null && size != null;
        String typed = type == null ? "u16" : type;
        int count = bulk || typed.equals("str") ? size : WIDTHS.get(typed);
        if (address + count - 1 > 0xFFFF) {
            throw new BadRequest("size", "size " + count + " from address " + address + " runs past register 65535");
        }
        return new Request(address, count, bulk ? null : typed, endianness.equals("big"), scale, function);
    }

    private static Map<String, String> query(String rawQuery) throws BadRequest {
        Map<String, String> q = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(null, "the query is not URL-encoded text");
            }
        }
        return q;
    }

    private static int whole(String field, String text, int min, int max, String what) throws BadRequest {
        if (text == null || !WHOLE.matcher(text).matches() || Integer.parseInt(text) < min
                || Integer.parseInt(text) > max) {
            throw new BadRequest(field, field + " must be " + what + ", got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    // ------------------------------------------------------------------ reading

    /** The registers {@code r} asks for, read from {@code device} (see the class comment for how). */
    static int[] read(Device device, Request r) throws ReadFailed {
        if (device.connectionType().equals("modbus_tcp")) {
            if (ZapConfigValidator.neverAnswers(device.ip())) {
                throw new ReadFailed("no answer within " + MODBUS_TIMEOUT_MILLIS + " ms" + device.where());
            }
            if (device.ip() != null && LOOPBACK.matcher(device.ip()).matches()) {
                return readOverTcp(device, r);
            }
        }
        if (r.address() + r.count() - 1 > ModbusTcpStandIn.LAST_REGISTER) {
            throw new ReadFailed(exception(2) + device.where());
        }
        int[] registers = new int[r.count()];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = ModbusTcpStandIn.value(device.unitId(), r.address() + i);
        }
        return registers;
    }

    private static int[] readOverTcp(Device device, Request r) throws ReadFailed {
        String where = device.where();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MODBUS_TIMEOUT_MILLIS);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(device.ip()), device.port()),
                    MODBUS_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            int transaction = TRANSACTIONS.incrementAndGet() & 0xFFFF;
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (transaction >> 8), (byte) transaction, 0, 0, 0, 6, (byte) device.unitId(),
                    (byte) r.functionCode(), (byte) (r.address() >> 8), (byte) r.address(), 0, (byte) r.count()});
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = readFully(socket, in, 7, deadline);
            int answeredTransaction = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
            int protocol = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
            if (answeredTransaction != transaction || protocol != 0 || length < 3 || length > 254
                    || (header[6] & 0xFF) != device.unitId()) {
                throw new ReadFailed("not a Modbus TCP answer (header " + hex(header) + ")" + where);
            }
            byte[] pdu = readFully(socket, in, length - 1, deadline);
            int function = pdu[0] & 0xFF;
            if (function == (r.functionCode() | 0x80)) {
                throw new ReadFailed(exception(pdu[1] & 0xFF) + where);
            }
            if (function != r.functionCode() || (pdu[1] & 0xFF) != 2 * r.count() || pdu.length != 2 + 2 * r.count()) {
                throw new ReadFailed("not the answer to the read (function " + function + ", " + (pdu.length - 2)
                        + " bytes for " + r.count() + " registers)" + where);
            }
            int[] registers = new int[r.count()];
            for (int i = 0; i < registers.length; i++) {
                registers[i] = ((pdu[2 + 2 * i] & 0xFF) << 8) | (pdu[3 + 2 * i] & 0xFF);
            }
            return registers;
        } catch (ConnectException e) {
            throw new ReadFailed("connection refused" + where);
        } catch (SocketTimeoutException e) {
            throw new ReadFailed("no answer within " + MODBUS_TIMEOUT_MILLIS + " ms" + where);
        } catch (EOFException e) {
            throw new ReadFailed("connection closed without an answer" + where);
        } catch (IOException e) {
            throw new ReadFailed("connection failed: " + e.getClass().getSimpleName() + where);
        }
    }

    /** {@code n} bytes, all before {@code deadline} (one Modbus timeout for the whole request). */
    private static byte[] readFully(Socket socket, DataInputStream in, int n, long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) left);
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    static String exception(int code) {
        String name = switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown";
        };
        return "Modbus exception " + code + " (" + name + ")";
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ answer

    /** A register as the answer writes it: {@code "0x"} and four upper-case hex digits. */
    static String register(int value) {
        return String.format(Locale.ROOT, "0x%04X", value);
    }

    static JsonObject answer(Request r, int[] registers) {
        JsonArray raw = new JsonArray();
        for (int v : registers) {
            raw.add(register(v));
        }
        JsonObject o = new JsonObject();
        o.addProperty("address", r.address());
        if (r.type() == null) {
            o.addProperty("count", registers.length);
            o.add("values", raw);
            return o;
        }
        o.add("value", value(r, registers));
        o.addProperty("type", r.type());
        o.add("registers", raw);
        return o;
    }

    private static JsonElement value(Request r, int[] registers) {
        if (r.type().equals("str")) {
            byte[] bytes = new byte[2 * registers.length];
            for (int i = 0; i < registers.length; i++) {
                bytes[2 * i] = (byte) (registers[i] >> 8);
                bytes[2 * i + 1] = (byte) registers[i];
            }
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new JsonPrimitive(new String(bytes, 0, end, StandardCharsets.UTF_8).strip());
        }
        long bits = 0;
        for (int i = 0; i < registers.length; i++) {
            int word = r.bigEndian() ? registers[i] : registers[registers.length - 1 - i];
            bits = (bits << 16) | word;
        }
        BigDecimal number;
        switch (r.type()) {
            case "u16", "u32" -> number = BigDecimal.valueOf(bits);
            case "i16" -> number = BigDecimal.valueOf((short) bits);
            case "i32" -> number = BigDecimal.valueOf((int) bits);
            case "i64" -> number = BigDecimal.valueOf(bits);
            case "u64" -> number = new BigDecimal(new BigInteger(Long.toUnsignedString(bits)));
            case "f32" -> {
                float f = Float.intBitsToFloat((int) bits);
                if (!Float.isFinite(f)) {
                    return JsonNull.INSTANCE;
                }
                number = new BigDecimal(Float.toString(f));
            }
            default -> throw new IllegalStateException("type " + r.type());
        }
        if (r.scale() != null) {
            number = number.multiply(r.scale());
        } else if (!r.type().equals("f32")) {
            return new JsonPrimitive(number.toBigIntegerExact());
        }
        return new JsonPrimitive(new BigDecimal(number.stripTrailingZeros().toPlainString()));
    }
}

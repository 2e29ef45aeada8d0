package com.sourceful.commissioner.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The connection-type schema served on {@code GET /api/devices/types} (zap-local-api.md, connection configs). */
final class ZapSchemas {

    private ZapSchemas() {
    }

    static JsonObject connectionTypes() {
        JsonArray types = new JsonArray();
        types.add(type("modbus_tcp", "Modbus TCP over the LAN (inverters)",
                param("ip", "string", true, null, "IPv4 address or host name of the device"),
                param("port", "int", false, 502, "TCP port (SolarEdge commonly 1502)"),
                param("unit_id", "int", false, 1, "Modbus unit id 0-247 (SMA commonly 3)"),
                param("profile", "string", true, null, "device profile, see /api/devices/supported")));
        types.add(type("modbus_rtu", "Modbus RTU over RS485 (pins fixed in firmware)",
                param("baud_rate", "int", false, 9600, null),
                param("unit_id", "int", false, 1, "Modbus unit id 0-247"),
                param("profile", "string", true, null, "device profile, see /api/devices/supported"),
                param("parity", "int", false, 0, "0 none, 1 odd, 2 even"),
                param("data_bits", "int", false, 8, null),
                param("stop_bits", "int", false, 1, null)));
        types.add(type("p1_uart", "P1 port of a DSMR smart meter",
                param("manufacturer", "string", false, null, "meter manufacturer (optional)"),
                param("baud_rate", "int", false, 115200, null),
                param("data_bits", "int", false, 8, "5-8"),
                param("parity", "string", false, "none", "none, even or odd"),
                param("stop_bits", "int", false, 1, "1, 2 or \"1.5\"")));
        types.add(type("mqtt", "MQTT broker of the device (Ferroamp, Ambibox)",
                param("profile", "string", true, null, "device profile, see /api/devices/supported"),
                param("broker_host", "string", true, null, "IPv4 address or host name of the broker"),
                param("broker_port", "int", false, 1883, "Ferroamp 1883, Ambibox 1884"),
                param("username", "string", false, null, null),
                param("password", "string", false, null, null),
                param("client_id", "string", false, null, "optional")));
        JsonObject o = new JsonObject();
        o.add("connection_types", types);
        return o;
    }

    private static JsonObject type(String type, String description, JsonObject... params) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        o.addProperty("description", description);
        JsonArray a = new JsonArray();
        for (JsonObject p : params) {
            a.add(p);
        }
        o.add("parameters", a);
        return o;
    }

    private static JsonObject param(String name, String type, boolean required, Object def, String description) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("type", type);
        o.addProperty("required", required);
        if (def instanceof Number n) {
            o.addProperty("default", n);
        } else if (def instanceof String s) {
            o.addProperty("default", s);
        }
        if (description != null) {
            o.addProperty("description", description);
        }
        return o;
    }
}

package com.sourceful.commissioner.commissioning;

import java.util.List;

import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.ConnectionTypeSpec.Parameter;

/**
 * The connection configs as the Zap documents them ({@code zap-local-api.md}, "Connection configs"), used when the
 * Zap cannot be asked for its own schema ({@code GET /api/devices/types}).
 */
public final class ConnectionSchemas {

    private ConnectionSchemas() {
    }

    private static final List<ConnectionTypeSpec> BUILT_IN = List.of(
            new ConnectionTypeSpec("modbus_tcp", "Modbus TCP", List.of(
                    new Parameter("ip", "string", true, null, "IP address of the device"),
                    new Parameter("port", "int", false, 502.0, "Modbus TCP port"),
                    new Parameter("unit_id", "int", false, 1.0, "Modbus unit id"),
                    new Parameter("profile", "string", true, null, "Device profile"))),
            new ConnectionTypeSpec("modbus_rtu", "Modbus RTU (RS485)", List.of(
                    new Parameter("baud_rate", "int", false, 9600.0, "Baud rate"),
                    new Parameter("unit_id", "int", false, 1.0, "Modbus unit id"),
                    new Parameter("profile", "string", true, null, "Device profile"),
                    new Parameter("parity", "int", false, 0.0, "0 none, 1 odd, 2 even"),
                    new Parameter("data_bits", "int", false, 8.0, "Data bits"),
                    new Parameter("stop_bits", "int", false, 1.0, "Stop bits"))),
            new ConnectionTypeSpec("p1_uart", "P1 (DSMR) smart meter", List.of(
                    new Parameter("manufacturer", "string", false, null, "Meter manufacturer"),
                    new Parameter("baud_rate", "int", false, 115200.0, "Baud rate"),
                    new Parameter("data_bits", "int", false, 8.0, "Data bits"),
                    new Parameter("parity", "string", false, "none", "none, even or odd"),
                    new Parameter("stop_bits", "int", false, 1.0, "1, 2 or 1.5"))),
            new ConnectionTypeSpec("mqtt", "MQTT", List.of(
                    new Parameter("profile", "string", true, null, "Device profile"),
                    new Parameter("broker_host", "string", true, null, "Broker host"),
                    new Parameter("broker_port", "int", false, 1883.0, "Broker port"),
                    new Parameter("username", "string", false, null, "User name"),
                    new Parameter("password", "string", false, null, "Password"),
                    new Parameter("client_id", "string", false, null, "Client id"))));

    public static List<ConnectionTypeSpec> builtIn() {
        return BUILT_IN;
    }
}

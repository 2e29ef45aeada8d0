package com.sourceful.commissioner.preflight;

import java.util.OptionalInt;

/** TEMPORARY stub of the issue 4 contract; replaced by the preflight branch on merge. */
public record PreflightResult(Outcome outcome, Reason reason, String target, OptionalInt modbusExceptionCode, String detail) {
    public enum Outcome { PASSED, FAILED, NOT_APPLICABLE }

    public enum Reason {
        MODBUS_ANSWERED, MODBUS_EXCEPTION, MODBUS_NO_ANSWER, MQTT_ACCEPTED, MQTT_BAD_CREDENTIALS, MQTT_NOT_AUTHORIZED,
        MQTT_REFUSED, MQTT_NOT_MQTT, CONNECTION_REFUSED, TIMEOUT, NO_ROUTE, WIRED_TO_ZAP
    }
}

package com.sourceful.commissioner.preflight;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a laptop-side check found, before the Zap is asked to add the device. The preflight advises; the Zap decides.
 *
 * @param target              "host:port" as checked ({@code [v6]:port} for an IPv6 literal); empty when not applicable
 * @param modbusExceptionCode set only for {@link Reason#MODBUS_EXCEPTION}
 * @param detail              a short technical detail for logs and copy; never contains a password
 */
public record PreflightResult(Outcome outcome, Reason reason, String target, OptionalInt modbusExceptionCode,
                              String detail) {

    public enum Outcome { PASSED, FAILED, NOT_APPLICABLE }

    public enum Reason {
        /** PASSED: a read at the unit id got a normal answer. */
        MODBUS_ANSWERED,
        /** PASSED (the device speaks Modbus at that unit id, but refused that read): modbusExceptionCode set. */
        MODBUS_EXCEPTION,
        /** FAILED: TCP connected, but no Modbus answer within the timeout (wrong unit id? not Modbus?). */
        MODBUS_NO_ANSWER,
        /** PASSED: CONNACK 0. */
        MQTT_ACCEPTED,
        /** FAILED: CONNACK 4 (bad user name or password). */
        MQTT_BAD_CREDENTIALS,
        /** FAILED: CONNACK 5. */
        MQTT_NOT_AUTHORIZED,
        /** FAILED: another CONNACK code (detail says which). */
        MQTT_REFUSED,
        /** FAILED: connected, but no valid CONNACK. */
        MQTT_NOT_MQTT,
        /** FAILED: TCP RST (nothing listens on that port). */
        CONNECTION_REFUSED,
        /** FAILED: TCP connect timed out (host off, firewall, wrong address). */
        TIMEOUT,
        /** FAILED: no route / host unreachable / unknown host name. */
        NO_ROUTE,
        /** NOT_APPLICABLE: modbus_rtu and p1_uart are wired to the Zap itself. */
        WIRED_TO_ZAP
    }

    public PreflightResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        target = target == null ? "" : target;
        modbusExceptionCode = modbusExceptionCode == null ? OptionalInt.empty() : modbusExceptionCode;
        detail = detail == null ? "" : detail;
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    static PreflightResult passed(Reason reason, String target, String detail) {
        return new PreflightResult(Outcome.PASSED, reason, target, OptionalInt.empty(), detail);
    }

    static PreflightResult failed(Reason reason, String target, String detail) {
        return new PreflightResult(Outcome.FAILED, reason, target, OptionalInt.empty(), detail);
    }
}

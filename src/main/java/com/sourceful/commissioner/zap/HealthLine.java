package com.sourceful.commissioner.zap;

/**
 * One fact of a Zap's health report: what it is, its value for people, a verdict and why.
 *
 * @param subject     what the fact is about when there are several of a kind (a device: "sungrow SN123"), else ""
 * @param value       the value for people ("48 KB free of 320 KB", "3 d 4 h"); "unknown" when the Zap did not say
 * @param reason      why the verdict, as a code a screen can word in its language
 * @param explanation the reason in English, for the command line and the log
 */
public record HealthLine(Fact fact, String subject, String value, Verdict verdict, Reason reason,
                         String explanation) {

    public enum Fact { FIRMWARE, UPTIME, FREE_HEAP, TEMPERATURE, INTERNET, DEVICES, DEVICE }

    /** Worst last: a report's verdict is its worst line's. */
    public enum Verdict { OK, UNKNOWN, WARNING }

    public enum Reason {
        /** Nothing to say. */
        FINE,
        /** The firmware does not report it (older firmware) or the call failed. */
        NOT_REPORTED,
        /** Uptime under {@link ZapHealth#RECENT_RESTART}: after power-on or a reboot that is expected, else a crash. */
        RESTARTED_RECENTLY,
        /** Free heap under {@link ZapHealth#ADD_DEVICE_LIMIT_KB}: the Zap refuses new devices (503 low memory). */
        BELOW_ADD_DEVICE_LIMIT,
        /** Temperature above {@link ZapHealth#HOT_CELSIUS}. */
        HOT,
        NO_INTERNET,
        /** No device on the Zap yet (a new Zap): not a fault. */
        NO_DEVICES,
        /** The Zap cannot reach the device (it retries every 10 s). */
        DISCONNECTED
    }
}

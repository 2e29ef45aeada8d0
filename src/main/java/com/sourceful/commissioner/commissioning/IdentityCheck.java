package com.sourceful.commissioner.commissioning;

import java.util.Optional;

import com.sourceful.commissioner.commissioning.CommissioningSession.Identity;

/**
 * What the Zap read of an added device's identity registers, beside what the LAN scan read from the same address:
 * the check that the device the Zap now talks to is the one the technician meant.
 *
 * @param scanned    what the scan read, when the form was filled from a scan result
 * @param throughZap what the Zap read, when its registers name a make the app knows
 * @param evidence   what was read and how, for the report and the support bundle (English, like the scan's)
 */
public record IdentityCheck(Outcome outcome, Optional<Identity> scanned, Optional<Identity> throughZap,
                            String evidence) {

    public enum Outcome {
        /** The Zap reads the same make, model and serial as the scan. */
        SAME,
        /** The Zap reads another device than the scan did: both are shown. */
        DIFFERENT,
        /** Not from a scan: what the Zap reads is all there is. */
        READ,
        /** The Zap reads the device, but no identity map the app knows matches. */
        UNKNOWN,
        /** The Zap could not read the registers (the device did not answer, or the Zap did not). */
        FAILED,
        /** Not a Modbus device: the Zap has no register reads for it. */
        NOT_MODBUS
    }
}

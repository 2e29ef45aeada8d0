package com.sourceful.commissioner.zap;

import java.util.Locale;

/**
 * {@code GET /api/crypto}: the serial is the gateway's identity everywhere, Novacore's {@code gateway_serial} too.
 * {@code serialConfirmed} is false for a firmware without {@code /api/crypto}: its serial is then only derived from
 * {@code /api/system}'s {@code zap.deviceId}, and a person must check it before it is sent anywhere.
 */
public record ZapIdentity(String serialNumber, String deviceName, String publicKey, boolean serialConfirmed) {

    /** An identity read from {@code /api/crypto}. */
    public ZapIdentity(String serialNumber, String deviceName, String publicKey) {
        this(serialNumber, deviceName, publicKey, true);
    }

    /**
     * The identity of a Zap whose firmware has no {@code /api/crypto}, from its {@code zap.deviceId}. Serials look
     * like {@code zap-04772a97}; a bare id gets the {@code zap-} prefix, so the same Zap keys the same way once a
     * firmware update brings {@code /api/crypto} (where deviceId and serial agree, as on the firmware we know).
     */
    public static ZapIdentity fromDeviceId(String deviceId) {
        String id = deviceId.strip().toLowerCase(Locale.ROOT);
        return new ZapIdentity(id.startsWith("zap-") ? id : "zap-" + id, "", "", false);
    }
}

package com.sourceful.commissioner.zap;

/** {@code GET /api/crypto}: the serial is the gateway's identity everywhere, Novacore's {@code gateway_serial} too. */
public record ZapIdentity(String serialNumber, String deviceName, String publicKey) {
}

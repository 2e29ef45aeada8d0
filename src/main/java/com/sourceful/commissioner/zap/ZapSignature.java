package com.sourceful.commissioner.zap;

/**
 * {@code POST /api/crypto/sign}: the Zap's ECDSA-SHA256 signature in DER (hex) over the UTF-8 bytes of
 * {@code message}, which the Zap built as {@code <message>|<nonce>|<timestamp>|<serial>}.
 */
public record ZapSignature(String derHex, String message) {
}

package com.sourceful.commissioner.sim;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The tests' own P-256 conversions, written apart from both the stand-in's and the app's so that neither can agree
 * with the other by construction: the Zap's {@code 04…} key via an X.509 SubjectPublicKeyInfo header, and a DER
 * signature parsed into raw R‖S.
 */
final class TestP256 {

    /** SubjectPublicKeyInfo of an id-ecPublicKey on prime256v1, up to the BIT STRING holding {@code 04}+X+Y. */
    private static final String SPKI_P256_PREFIX = "3059301306072a8648ce3d020106082a8648ce3d030107034200";
    private static final HexFormat HEX = HexFormat.of();

    private TestP256() {
    }

    /** The Zap's uncompressed point hex as a JDK key. */
    static PublicKey publicKey(String uncompressedHex) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(HEX.parseHex(SPKI_P256_PREFIX + uncompressedHex)));
    }

    static boolean verifiesDer(String uncompressedHex, String message, String derHex) throws GeneralSecurityException {
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(publicKey(uncompressedHex));
        v.update(message.getBytes(StandardCharsets.UTF_8));
        return v.verify(HEX.parseHex(derHex));
    }

    /** {@code 04}+X+Y → X+Y, as FTW sends it. */
    static String xy(String uncompressedHex) {
        if (!uncompressedHex.startsWith("04") || uncompressedHex.length() != 130) {
            throw new IllegalArgumentException("not an uncompressed P-256 point: " + uncompressedHex);
        }
        return uncompressedHex.substring(2);
    }

    /** DER SEQUENCE { INTEGER r, INTEGER s } → R‖S, 32 bytes each, left-padded, as hex. */
    static String rawSignature(String derHex) {
        byte[] der = HEX.parseHex(derHex);
        if (der[0] != 0x30 || der[1] != der.length - 2) {
            throw new IllegalArgumentException("not a short DER SEQUENCE: " + derHex);
        }
        int rLen = der[3];
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + rLen));
        int sAt = 4 + rLen;
        if (der[2] != 0x02 || der[sAt] != 0x02) {
            throw new IllegalArgumentException("not two DER INTEGERs: " + derHex);
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sAt + 2, sAt + 2 + der[sAt + 1]));
        return String.format("%064x%064x", r, s);
    }
}

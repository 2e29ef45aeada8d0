package com.sourceful.commissioner.novacore;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one place that converts between the forms of a Zap's P-256 key and signature. The Zap gives its public key as
 * the uncompressed point {@code 04‖X‖Y} (130 hex) and signs in DER ({@code 30 len 02 len R 02 len S}); Novacore takes
 * {@code X‖Y} (128 hex) and raw {@code R‖S} (128 hex, each half 32 bytes, left-padded), as FTW sends them
 * ({@code novacore-api.md}). Every malformed input is an {@link IllegalArgumentException} saying what is wrong.
 */
public final class ClaimSignature {

    /** Bytes of one P-256 coordinate or signature half. */
    public static final int HALF = 32;
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private ClaimSignature() {
    }

    // ---- hex ------------------------------------------------------------------------------------------------

    /** Hex (either case) to bytes; {@code what} names the value in the error. */
    public static byte[] fromHex(String hex, String what) {
        if (hex == null || hex.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException(what + " has an odd number of hex digits (" + hex.length() + ")");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < hex.length(); i += 2) {
            out[i / 2] = (byte) (digit(hex, i, what) << 4 | digit(hex, i + 1, what));
        }
        return out;
    }

    private static int digit(String hex, int i, String what) {
        int d = Character.digit(hex.charAt(i), 16);
        // Character.digit also takes full-width and other scripts' digits; hex here is ASCII only.
        if (d < 0 || hex.charAt(i) > 'f') {
            throw new IllegalArgumentException(what + " is not hex: '" + hex.charAt(i) + "' at position " + (i + 1));
        }
        return d;
    }

    /** Lower-case hex, as the Zap and Novacore write it. */
    public static String toHex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }

    // ---- public key -----------------------------------------------------------------------------------------

    /** {@code 04‖X‖Y} (130 hex) to {@code X‖Y} (128 hex, lower case). */
    public static String pointToXy(String uncompressedHex) {
        byte[] point = fromHex(uncompressedHex.strip(), "the Zap's public key");
        if (point.length != 1 + 2 * HALF) {
            throw new IllegalArgumentException("the Zap's public key is " + point.length
                    + " bytes; an uncompressed P-256 point is 65 (04, X, Y)");
        }
        if (point[0] != 0x04) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the Zap's public key starts with %02x; an uncompressed point starts with 04", point[0] & 0xff));
        }
        return toHex(Arrays.copyOfRange(point, 1, point.length));
    }

    /** {@code X‖Y} (128 hex) to {@code 04‖X‖Y} (130 hex, lower case). */
    public static String xyToPoint(String xyHex) {
        return "04" + toHex(xy(xyHex));
    }

    private static byte[] xy(String xyHex) {
        byte[] xy = fromHex(xyHex.strip(), "the public key X‖Y");
        if (xy.length != 2 * HALF) {
            throw new IllegalArgumentException("the public key X‖Y is " + xy.length + " bytes, not 64");
        }
        return xy;
    }

    /** The JDK key for {@code X‖Y}; a point that is not on the curve is refused. */
    public static ECPublicKey publicKey(String xyHex) {
        byte[] xy = xy(xyHex);
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(xy, 0, HALF));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(xy, HALF, 2 * HALF));
        ECParameterSpec p256 = p256();
        BigInteger p = ((ECFieldFp) p256.getCurve().getField()).getP();
        // y² = x³ + ax + b (mod p): the JDK does not check this for every provider, and a point off the curve is
        // no key at all.
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.pow(3).add(p256.getCurve().getA().multiply(x)).add(p256.getCurve().getB()).mod(p);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !left.equals(right)) {
            throw new IllegalArgumentException("the public key is not a point on the P-256 curve");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y),
                    p256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the public key is not a usable P-256 key: " + e.getMessage(), e);
        }
    }

    /** {@code X‖Y} of a JDK key (128 hex, lower case). */
    public static String xyOf(ECPublicKey key) {
        return toHex(fixed(key.getW().getAffineX(), "X")) + toHex(fixed(key.getW().getAffineY(), "Y"));
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no P-256 (secp256r1)", e);
        }
    }

    // ---- signature ------------------------------------------------------------------------------------------

    /** DER hex to raw {@code R‖S} hex (128, lower case). */
    public static String derToRaw(String derHex) {
        return toHex(derToRaw(fromHex(derHex.strip(), "the signature (DER)")));
    }

    /**
     * {@code SEQUENCE { INTEGER r, INTEGER s }} to {@code R‖S}, each half left-padded to 32 bytes. DER's sign byte
     * (a leading 00 before a byte with the high bit set) is stripped; anything else — trailing bytes, a length that
     * does not add up, a negative or zero number, a number longer than 32 bytes — is refused.
     */
    public static byte[] derToRaw(byte[] der) {
        if (der.length < 2 || (der[0] & 0xff) != SEQUENCE) {
            throw new IllegalArgumentException("the signature is not DER: it does not start with a SEQUENCE (30)");
        }
        int length = der[1] & 0xff;
        if (length >= 0x80) {
            // Two 33-byte integers make 70 bytes at most: a P-256 signature always has a one-byte length.
            throw new IllegalArgumentException("the signature's DER length is in long form; a P-256 signature's "
                    + "fits in one byte");
        }
        if (2 + length < der.length) {
            throw new IllegalArgumentException("the signature has " + (der.length - 2 - length)
                    + " bytes after its DER sequence");
        }
        if (2 + length > der.length) {
            throw new IllegalArgumentException("the signature is cut short: its DER sequence says " + length
                    + " bytes, " + (der.length - 2) + " follow");
        }
        int[] at = {2};
        byte[] r = integer(der, at, "r");
        byte[] s = integer(der, at, "s");
        if (at[0] != der.length) {
            throw new IllegalArgumentException("the signature's DER sequence has " + (der.length - at[0])
                    + " bytes after r and s");
        }
        byte[] raw = new byte[2 * HALF];
        System.arraycopy(r, 0, raw, HALF - r.length, r.length);
        System.arraycopy(s, 0, raw, 2 * HALF - s.length, s.length);
        return raw;
    }

    /** One DER INTEGER at {@code at[0]}, stripped of leading zero bytes; moves {@code at[0]} past it. */
    private static byte[] integer(byte[] der, int[] at, String name) {
        int i = at[0];
        if (i + 2 > der.length || (der[i] & 0xff) != INTEGER) {
            throw new IllegalArgumentException("the signature's " + name + " is not a DER INTEGER (02)");
        }
        int length = der[i + 1] & 0xff;
        if (length == 0 || length >= 0x80 || i + 2 + length > der.length) {
            throw new IllegalArgumentException("the signature's " + name + " has a bad DER length (" + length + ")");
        }
        byte[] value = Arrays.copyOfRange(der, i + 2, i + 2 + length);
        at[0] = i + 2 + length;
        if ((value[0] & 0x80) != 0) {
            throw new IllegalArgumentException("the signature's " + name + " is negative; ECDSA's never is");
        }
        int first = 0;
        while (first < value.length && value[first] == 0) {
            first++;
        }
        if (first == value.length) {
            throw new IllegalArgumentException("the signature's " + name + " is zero");
        }
        byte[] stripped = Arrays.copyOfRange(value, first, value.length);
        if (stripped.length > HALF) {
            throw new IllegalArgumentException("the signature's " + name + " is " + stripped.length
                    + " bytes; P-256's is at most 32");
        }
        return stripped;
    }

    /** Raw {@code R‖S} hex (128) to DER hex (lower case). */
    public static String rawToDer(String rawHex) {
        return toHex(rawToDer(fromHex(rawHex.strip(), "the signature R‖S")));
    }

    /** {@code R‖S} (64 bytes) to minimal DER: leading zeros dropped, a 00 sign byte before a high bit. */
    public static byte[] rawToDer(byte[] raw) {
        if (raw.length != 2 * HALF) {
            throw new IllegalArgumentException("the signature R‖S is " + raw.length + " bytes, not 64");
        }
        byte[] r = derInteger(Arrays.copyOfRange(raw, 0, HALF), "r");
        byte[] s = derInteger(Arrays.copyOfRange(raw, HALF, 2 * HALF), "s");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SEQUENCE);
        out.write(r.length + s.length);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] derInteger(byte[] half, String name) {
        int first = 0;
        while (first < half.length && half[first] == 0) {
            first++;
        }
        if (first == half.length) {
            throw new IllegalArgumentException("the signature's " + name + " is zero");
        }
        boolean signByte = (half[first] & 0x80) != 0;
        int length = half.length - first + (signByte ? 1 : 0);
        byte[] out = new byte[2 + length];
        out[0] = INTEGER;
        out[1] = (byte) length;
        System.arraycopy(half, first, out, 2 + (signByte ? 1 : 0), half.length - first);
        return out;
    }

    private static byte[] fixed(BigInteger value, String name) {
        byte[] b = value.toByteArray();
        if (b.length > HALF) {
            if (b.length == HALF + 1 && b[0] == 0) {
                return Arrays.copyOfRange(b, 1, b.length);
            }
            throw new IllegalArgumentException(name + " is longer than 32 bytes");
        }
        byte[] out = new byte[HALF];
        System.arraycopy(b, 0, out, HALF - b.length, b.length);
        return out;
    }

    // ---- verification ---------------------------------------------------------------------------------------

    /**
     * Whether raw {@code R‖S} (hex) is a valid ECDSA-SHA256 signature of {@code message}'s UTF-8 bytes by {@code X‖Y}
     * (hex). It checks the very forms sent to Novacore, so a conversion mistake shows here, before sending.
     */
    public static boolean verifies(String xyHex, String message, String rawHex) {
        ECPublicKey key = publicKey(xyHex);
        byte[] raw = fromHex(rawHex.strip(), "the signature R‖S");
        if (raw.length != 2 * HALF) {
            throw new IllegalArgumentException("the signature R‖S is " + raw.length + " bytes, not 64");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(raw);
        } catch (GeneralSecurityException e) {
            // A malformed signature (r or s out of range) is a signature that does not verify.
            return false;
        }
    }
}

package com.sourceful.commissioner.novacore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conversions between the Zap's forms (DER, {@code 04‖X‖Y}) and Novacore's (raw {@code R‖S}, {@code X‖Y}). Known
 * vectors: RFC 6979 appendix A.2.5 (ECDSA, 256 bits, prime field: NIST P-256), its public key U and its signatures
 * with SHA-256 of the messages "sample" and "test"; the DER bytes are built by hand from those r and s.
 */
class ClaimSignatureTest {

    // RFC 6979 A.2.5, public key U = xG.
    static final String UX = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
    static final String UY = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
    // With SHA-256, message = "sample": both r and s have the high bit set, so DER adds a 00 sign byte to each.
    static final String SAMPLE_R = "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716";
    static final String SAMPLE_S = "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8";
    static final String SAMPLE_DER = "3046"
            + "022100" + SAMPLE_R
            + "022100" + SAMPLE_S;
    // With SHA-256, message = "test": r has the high bit set, s (01 9F…) does not.
    static final String TEST_R = "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367";
    static final String TEST_S = "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083";
    static final String TEST_DER = "3045"
            + "022100" + TEST_R
            + "0220" + TEST_S;

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Test
    void theRfcSampleSignatureConvertsBothWays() {
        assertThat(ClaimSignature.derToRaw(SAMPLE_DER)).isEqualTo(lower(SAMPLE_R + SAMPLE_S));
        assertThat(ClaimSignature.rawToDer(SAMPLE_R + SAMPLE_S)).isEqualTo(lower(SAMPLE_DER));
    }

    @Test
    void theRfcTestSignatureConvertsBothWays() {
        assertThat(ClaimSignature.derToRaw(TEST_DER)).isEqualTo(lower(TEST_R + TEST_S));
        assertThat(ClaimSignature.rawToDer(TEST_R + TEST_S)).isEqualTo(lower(TEST_DER));
    }

    @Test
    void theRfcPublicKeyConvertsBothWays() {
        assertThat(ClaimSignature.pointToXy("04" + UX + UY)).isEqualTo(lower(UX + UY));
        assertThat(ClaimSignature.xyToPoint(UX + UY)).isEqualTo("04" + lower(UX + UY));
    }

    @Test
    void theRfcSignaturesVerifyInNovacoresFormAndAWrongMessageDoesNot() {
        assertThat(ClaimSignature.verifies(UX + UY, "sample", SAMPLE_R + SAMPLE_S)).isTrue();
        assertThat(ClaimSignature.verifies(UX + UY, "test", TEST_R + TEST_S)).isTrue();
        assertThat(ClaimSignature.verifies(UX + UY, "test", SAMPLE_R + SAMPLE_S)).isFalse();
        assertThat(ClaimSignature.verifies(UX + UY, "sample", TEST_R + TEST_S)).isFalse();
    }

    @Test
    void aShortRIsLeftPaddedAndLosesItsZerosInDer() {
        // r = 00 00 7f 11 … (30 significant bytes, no high bit): DER carries 30 bytes, raw pads to 32.
        String r = "00007f" + "11".repeat(29);
        String s = "01" + "22".repeat(31);
        String der = "3042" + "021e" + "7f" + "11".repeat(29) + "0220" + s;
        assertThat(ClaimSignature.rawToDer(r + s)).isEqualTo(der);
        assertThat(ClaimSignature.derToRaw(der)).isEqualTo(r + s);
    }

    @Test
    void aShortRWithItsHighBitSetKeepsOneSignByte() {
        // r = 00 80 … (31 significant bytes, high bit set): DER writes 00 80 … (32 bytes).
        String r = "0080" + "33".repeat(30);
        String s = "7f" + "44".repeat(31);
        String der = "3044" + "0220" + "0080" + "33".repeat(30) + "0220" + s;
        assertThat(ClaimSignature.rawToDer(r + s)).isEqualTo(der);
        assertThat(ClaimSignature.derToRaw(der)).isEqualTo(r + s);
    }

    @Test
    void upperAndLowerCaseHexAreBothRead() {
        assertThat(ClaimSignature.derToRaw(lower(SAMPLE_DER))).isEqualTo(ClaimSignature.derToRaw(SAMPLE_DER));
    }

    @Test
    void keysAndSignaturesMadeByTheJdkRoundTrip() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < 20; i++) {
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey key = (ECPublicKey) pair.getPublic();
            String xy = ClaimSignature.xyOf(key);
            assertThat(xy).hasSize(128);
            assertThat(ClaimSignature.pointToXy(ClaimSignature.xyToPoint(xy))).isEqualTo(xy);
            assertThat(ClaimSignature.publicKey(xy)).isEqualTo(key);

            String message = "idt-3f2a|0123456789abcdef|1782036000|zap-04772a97";
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            String der = ClaimSignature.toHex(signer.sign());
            String raw = ClaimSignature.derToRaw(der);
            assertThat(raw).hasSize(128);
            assertThat(ClaimSignature.verifies(xy, message, raw)).isTrue();
            // The JDK writes minimal DER, so the way back gives the same bytes.
            assertThat(ClaimSignature.rawToDer(raw)).isEqualTo(der);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "abc; odd number of hex digits",
            "3g; not hex: 'g' at position 2",
            "'30 451'; at position 3",
            "'';is empty",
            "٣٠; not hex",
            "3145022100; does not start with a SEQUENCE",
            "3081; long form",
            "3006020101020101ff; 1 bytes after its DER sequence",
            "300602010102; cut short",
            "3006030101020101; r is not a DER INTEGER",
            "3006020101030101; s is not a DER INTEGER",
            "3008020101020101aaaa; 2 bytes after r and s",
            "3006020181020101; r is negative",
            "3006020100020101; r is zero",
            "3006020101020100; s is zero",
            "3006020001020101; bad DER length (0)",
    })
    void malformedDerIsRefusedWithTheReason(String der, String reason) {
        assertThatThrownBy(() -> ClaimSignature.derToRaw(der)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason.strip());
    }

    @Test
    void anROfThirtyThreeSignificantBytesIsRefused() {
        String r = "01" + "00".repeat(32); // 33 bytes, no sign byte to strip
        String der = "3026" + "0221" + r + "020101";
        assertThatThrownBy(() -> ClaimSignature.derToRaw(der)).hasMessageContaining("r is 33 bytes");
    }

    @Test
    void anRWithTwoLeadingZeroBytesStillFitsOnceStripped() {
        // Not minimal DER, but the number is P-256 sized: what matters to Novacore is the value.
        String der = "3027" + "0222" + "0000" + "7f" + "11".repeat(31) + "020101";
        assertThat(ClaimSignature.derToRaw(der)).isEqualTo("7f" + "11".repeat(31) + "00".repeat(31) + "01");
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThatThrownBy(() -> ClaimSignature.rawToDer("00".repeat(63))).hasMessageContaining("63 bytes, not 64");
        assertThatThrownBy(() -> ClaimSignature.rawToDer("00".repeat(64))).hasMessageContaining("r is zero");
        assertThatThrownBy(() -> ClaimSignature.pointToXy(UX + UY)).hasMessageContaining("is 64 bytes");
        assertThatThrownBy(() -> ClaimSignature.pointToXy("02" + UX + UY)).hasMessageContaining("starts with 02");
        assertThatThrownBy(() -> ClaimSignature.xyToPoint(UX)).hasMessageContaining("32 bytes, not 64");
        assertThatThrownBy(() -> ClaimSignature.verifies(UX + UY, "sample", SAMPLE_R))
                .hasMessageContaining("32 bytes, not 64");
    }

    @Test
    void aPointOffTheCurveIsNoKey() {
        String offCurve = UX + UY.substring(0, 62) + "00";
        assertThatThrownBy(() -> ClaimSignature.publicKey(offCurve)).hasMessageContaining("not a point on the P-256");
    }
}

package com.sourceful.commissioner.zap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.http.StubServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/crypto/sign} and {@code zap.publicKey} against stubs on 127.0.0.1 (the claim contract). */
class ZapClientSignTest {

    static final String KEY = "04" + "ab".repeat(64);

    StubServer stub;
    ZapClient zap;

    @BeforeEach
    void start() throws IOException {
        stub = StubServer.start();
        zap = new ZapClient(stub.baseUri());
    }

    @AfterEach
    void stop() {
        zap.close();
        stub.close();
    }

    @Test
    void signPostsTheMessageAndTimestampAndReadsTheDerAndTheSignedMessage() throws Exception {
        AtomicReference<JsonObject> sent = new AtomicReference<>();
        stub.on("/api/crypto/sign", ex -> {
            sent.set(JsonParser.parseString(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject());
            StubServer.send(ex, 200, "application/json",
                    "{\"sign\":\"3044aa\",\"message\":\"idt-1|00ff00ff00ff00ff|1782036000|zap-1\",\"extra\":1}");
        });
        ZapSignature s = zap.sign("idt-1", "1782036000");
        assertThat(s).isEqualTo(new ZapSignature("3044aa", "idt-1|00ff00ff00ff00ff|1782036000|zap-1"));
        assertThat(sent.get().get("message").getAsString()).isEqualTo("idt-1");
        assertThat(sent.get().get("timestamp").getAsString()).isEqualTo("1782036000");
        assertThat(stub.requests()).containsExactly("POST /api/crypto/sign");
    }

    @Test
    void aSignAnswerWithoutASignatureIsABadResponse() {
        stub.json("/api/crypto/sign", 200, "{\"message\":\"idt-1|n|1|zap-1\"}");
        ZapException e = catchThrowableOfType(ZapException.class, () -> zap.sign("idt-1", "1"));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("sign");
    }

    @Test
    void aRefusedSignIsRejectedWithTheZapsWords() {
        stub.json("/api/crypto/sign", 400, "{\"error\":\"bad request\"}");
        ZapException e = catchThrowableOfType(ZapException.class, () -> zap.sign("idt-1", "1"));
        assertThat(e.kind()).isEqualTo(ZapException.Kind.REJECTED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.serverMessage()).contains("bad request");
    }

    @Test
    void thePublicKeyIsReadFromTheSystemAnswer() throws Exception {
        stub.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"zap-1\",\"publicKey\":\" " + KEY + " \"}}");
        assertThat(zap.publicKey()).contains(KEY);
    }

    @Test
    void aSystemAnswerWithoutAKeyGivesNone() throws Exception {
        stub.json("/api/system", 200, "{\"zap\":{\"deviceId\":\"zap-1\",\"publicKey\":\"\"}}");
        assertThat(zap.publicKey()).isEmpty();
    }

    @Test
    void aSystemAnswerWithoutZapIsNotAZap() {
        stub.json("/api/system", 200, "{\"hello\":1}");
        ZapException e = catchThrowableOfType(ZapException.class, () -> zap.publicKey());
        assertThat(e.kind()).isEqualTo(ZapException.Kind.NOT_A_ZAP);
    }
}

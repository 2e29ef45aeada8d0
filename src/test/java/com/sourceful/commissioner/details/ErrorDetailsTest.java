package com.sourceful.commissioner.details;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sourceful.commissioner.http.TlsStub;
import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.NovacoreException;
import com.sourceful.commissioner.report.AppVersion;
import com.sourceful.commissioner.zap.ZapException;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The "Copy details" report: complete enough for support, and never a secret, wherever one was planted. */
class ErrorDetailsTest {

    private static final Instant NOON = Instant.parse("2026-06-01T10:00:00Z");
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Map<String, String> EN = Map.ofEntries(Map.entry("title", "Zap Commissioner: error details"),
            Map.entry("time", "Time"), Map.entry("activity", "What was being done"), Map.entry("message", "Message shown"),
            Map.entry("cause", "Technical cause"), Map.entry("status", "HTTP status"), Map.entry("endpoint", "Endpoint"),
            Map.entry("zap", "Zap address"), Map.entry("version", "App version"), Map.entry("java", "Java"),
            Map.entry("os", "Operating system"), Map.entry("none", "none"), Map.entry("devBuild", "development build"));

    /** A JWT-shaped token (header.payload.signature), as Novacore issues them. */
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpZHQtc2VjcmV0In0.c2lnbmF0dXJlLXNlY3JldA";
    private static final String MQTT_PASSWORD = "Kaffe-Bryggare-77";

    private static String report(String message, Throwable cause, String zap, String endpoint, List<String> secrets) {
        return ErrorDetails.report(new ErrorDetails.Context("Adding a device to the Zap", message, cause, zap, endpoint,
                NOON, STOCKHOLM, secrets), EN::get);
    }

    @Test
    void aZapRefusalHasItsCauseStatusEndpointAddressVersionJavaOsAndTime() {
        ZapException refused = new ZapException(ZapException.Kind.REJECTED, "POST /api/devices", 503,
                "connection failed: no answer from 192.0.2.10:502", null, null);
        String text = report("The Zap could not reach the device.", refused, "http://192.168.1.20:80", null, List.of());

        assertThat(text).startsWith("Zap Commissioner: error details\n")
                .contains("Time: 2026-06-01 12:00:00 +02:00 [Europe/Stockholm]")
                .contains("What was being done: Adding a device to the Zap")
                .contains("Message shown: The Zap could not reach the device.")
                .contains("Technical cause: com.sourceful.commissioner.zap.ZapException [REJECTED]: POST /api/devices: HTTP 503"
                        + " (connection failed: no answer from 192.0.2.10:502)")
                .contains("HTTP status: 503")
                .contains("Endpoint: POST /api/devices")
                .contains("Zap address: http://192.168.1.20:80")
                .contains("App version: " + AppVersion.get() + ", development build")
                .contains("Java: " + System.getProperty("java.version"))
                .contains("Operating system: " + System.getProperty("os.name"));
    }

    @Test
    void theWholeCauseChainIsListedAndANovacoreFailureNamesItsService() {
        NovacoreException unreachable = new NovacoreException(NovacoreException.Kind.UNREACHABLE, 0, null,
                "ConnectException", null, null, new ConnectException("Connection refused"));
        String text = report("Novacore cannot be reached.", unreachable, null,
                ErrorDetails.address(URI.create("https://novacore-testnet.sourceful.dev/api/v1?x=1")), List.of());
        assertThat(text).contains("com.sourceful.commissioner.novacore.NovacoreException [UNREACHABLE]")
                .contains("    java.net.ConnectException: Connection refused")
                .contains("Endpoint: https://novacore-testnet.sourceful.dev/api/v1\n")
                .contains("Zap address: none")
                .doesNotContain("HTTP status");
    }

    @Test
    void withoutACauseTheReportSaysSo() {
        assertThat(report("Choose at least one DER.", null, null, null, List.of())).contains("Technical cause: none");
    }

    @Test
    void plantedSecretsNeverReachTheReport() {
        IOException deep = new IOException("POST https://tech:hunter2-pw@novacore.example/api/devices?token=" + TOKEN
                + "&site=sit-123&api_key=AKIA-SECRET-KEY failed; Authorization: Bearer " + TOKEN
                + "; body {\"password\":\"" + MQTT_PASSWORD + "\",\"client_secret\": \"cs-0987654321\"}");
        NovacoreException rejected = new NovacoreException(NovacoreException.Kind.REJECTED, 401, "token_expired",
                "token " + TOKEN + " expired", null, null, deep);
        String text = report("Sign in again (header was Authorization: Basic dXNlcjpwYXNzd29yZA==).", rejected,
                "http://admin:zap-admin-pw@192.168.1.20:8080/?key=local-key-42",
                "https://novacore.example/api?access_token=abc123secret#frag",
                List.of(MQTT_PASSWORD, "  ", "typed-secret-xyz"));
        text += ErrorDetails.redact("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+secret+key\n-----END PRIVATE KEY-----\n"
                + "password=typed-secret-xyz", List.of("typed-secret-xyz"));

        assertThat(text).doesNotContain(TOKEN).doesNotContain("eyJ").doesNotContain("hunter2-pw")
                .doesNotContain("AKIA-SECRET-KEY").doesNotContain(MQTT_PASSWORD).doesNotContain("cs-0987654321")
                .doesNotContain("dXNlcjpwYXNzd29yZA==").doesNotContain("zap-admin-pw").doesNotContain("local-key-42")
                .doesNotContain("abc123secret").doesNotContain("MC4CAQAwBQYDK2VwBCIEIJ").doesNotContain("typed-secret-xyz")
                .doesNotContain("tech:").doesNotContain("admin:");
        // What support needs stays: hosts, paths, harmless parameters, the status.
        assertThat(text).contains("https://novacore.example/api/devices?token=[redacted]&site=sit-123&api_key=[redacted]")
                .contains("Zap address: http://192.168.1.20:8080/?key=[redacted]")
                .contains("Authorization: [redacted]")
                .contains("HTTP status: 401")
                .contains("[REJECTED, token_expired]").contains("; body {");
    }

    @Test
    void anAddressForTheReportDropsUserInfoQueryAndFragment() {
        assertThat(ErrorDetails.address(URI.create("http://u:p@zap.local:8080/api?token=t#x"))).isEqualTo("http://zap.local:8080/api");
        assertThat(ErrorDetails.address(URI.create("http://192.168.1.20"))).isEqualTo("http://192.168.1.20");
        assertThat(ErrorDetails.address(null)).isNull();
    }

    @Test
    void theReportIsBuiltWithoutJavaFx() {
        noClasses().that().resideInAPackage("com.sourceful.commissioner.details..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                        "com.sourceful.commissioner.ui..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("com.sourceful.commissioner.details"));
    }

    @Test
    void anInterceptedConnectionNamesTheCertificatesSubjectAndIssuer() throws Exception {
        Map<String, String> labels = new HashMap<>(EN);
        labels.put("certificateSubject", "Certificate presented");
        labels.put("certificateIssuer", "Certificate issued by");
        NovacoreException intercepted;
        try (TlsStub portal = TlsStub.start(TlsStub.SELF_SIGNED);
             NovacoreClient client = new NovacoreClient(portal.uri(), Clock.systemUTC())) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            AccessToken token = AccessToken.parse(b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(UTF_8)) + "."
                    + b64.encodeToString(("{\"sub\":\"idt-1\",\"exp\":" + (Instant.now().getEpochSecond() + 3600)
                    + "}").getBytes(UTF_8)) + ".c2ln");
            intercepted = catchThrowableOfType(NovacoreException.class, () -> client.sites(token));
        }
        String text = ErrorDetails.report(new ErrorDetails.Context("Provisioning the device in Novacore",
                "The connection to Novacore is being intercepted", intercepted, null, null, NOON, STOCKHOLM,
                List.of()), labels::get);

        assertThat(text).contains("[INTERCEPTED]")
                .contains("Certificate presented: " + TlsStub.SELF_SIGNED_SUBJECT + "\n")
                .contains("Certificate issued by: " + TlsStub.SELF_SIGNED_SUBJECT + "\n");
    }
}

package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.testsupport.RealPeers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against a real {@code mosquitto} 2.0 (Debian's, bookworm: 2.0.11; Homebrew's; the Windows installer's)
 * with a password file, on a port and config of its own (never the system broker on 1883). Without mosquitto it is
 * skipped with the reason, or fails where {@code ZAP_REQUIRE_PEERS=1} (CI, which installs it).
 *
 * <p>Mosquitto 2.0 answers an MQTT 3.1.1 CONNECT with a wrong password, an unknown user or no credentials at all
 * with CONNACK 5 (not authorized), never 4 (bad user name or password).
 */
class MqttMosquittoTest {

    static final String USER = "extapi";
    /** Spaces, a colon and non-ASCII: sent as UTF-8, exactly. */
    static final String PASSWORD = "pä ss:wörd 7";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    static Process broker;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path mosquitto = RealPeers.mosquitto();
        Path passwords = dir.resolve("passwords");
        Files.writeString(passwords, USER + ":" + passwordHash(PASSWORD) + "\n", StandardCharsets.UTF_8);
        if (passwords.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // newer mosquitto 2.0 releases (Homebrew's) warn about a password file others can read
            Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        }

        port = Peers.closedPort();
        Path conf = dir.resolve("mosquitto.conf");
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwords,
                "persistence false",
                "log_dest stderr"));
        if (!HostileFiles.isWindows()) {
            // when run as root, mosquitto drops to this user: stay who we are, to read the files in dir
            lines.add("user " + System.getProperty("user.name"));
        }
        Files.write(conf, lines);
        Path log = dir.resolve("mosquitto.log");
        broker = new ProcessBuilder(mosquitto.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Peers.awaitListening(port, broker, Duration.ofSeconds(10), log);
    }

    /**
     * The password as mosquitto_passwd 2.0 stores it: {@code $7$} PBKDF2-HMAC-SHA512 of the UTF-8 bytes, 101 rounds.
     * Written here, not by mosquitto_passwd: it takes the password from its command line, which Windows hands over in
     * the ANSI code page (the UTF-8 the probe sends would then not match), and its -U splits at the colon in it.
     */
    static String passwordHash(String password) throws GeneralSecurityException {
        byte[] salt = new byte[12];
        new SecureRandom().nextBytes(salt);
        int rounds = 101;
        // Java's PBKDF2 encodes the password's chars as UTF-8, as the probe sends it.
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, rounds, 512)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder();
        return "$7$" + rounds + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        Peers.stop(broker);
    }

    @Test
    void theRightCredentialsAreAccepted() {
        PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, port, USER, PASSWORD, null, TIMEOUT);

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.PASSED);
        assertThat(r.reason()).isEqualTo(Reason.MQTT_ACCEPTED);
        assertThat(r.target()).isEqualTo("127.0.0.1:" + port);
        assertThat(r.detail()).contains("as user extapi", "zapc-preflight-").doesNotContain(PASSWORD);
    }

    @Test
    void theConfiguredClientIdIsUsed() {
        PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, port, USER, PASSWORD, "zap-ferroamp-1", TIMEOUT);

        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_ACCEPTED);
        assertThat(r.detail()).contains("client id zap-ferroamp-1");
    }

    @Test
    void aWrongPasswordIsNotAuthorized() {
        String wrong = "pä ss:wörd 8";
        PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, port, USER, wrong, null, TIMEOUT);

        assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).isEqualTo(Reason.MQTT_NOT_AUTHORIZED);
        assertThat(r.detail()).isEqualTo("CONNACK code 5 (not authorized) to a CONNECT as user extapi")
                .doesNotContain(wrong);
    }

    @Test
    void anUnknownUserIsNotAuthorized() {
        PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, port, "nobody", PASSWORD, null, TIMEOUT);

        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_NOT_AUTHORIZED);
    }

    @Test
    void noCredentialsWhereTheBrokerWantsThemIsNotAuthorized() {
        PreflightResult r = MqttProbe.probe(Peers.LOOPBACK, port, null, null, null, TIMEOUT);

        assertThat(r.reason()).as(r.toString()).isEqualTo(Reason.MQTT_NOT_AUTHORIZED);
        assertThat(r.detail()).contains("without a user name");
    }

    @Test
    void theBrokerIsStillThereAfterManyProbes() {
        for (int i = 0; i < 5; i++) {
            assertThat(MqttProbe.probe(Peers.LOOPBACK, port, USER, PASSWORD, null, TIMEOUT).reason())
                    .isEqualTo(Reason.MQTT_ACCEPTED);
        }
    }
}

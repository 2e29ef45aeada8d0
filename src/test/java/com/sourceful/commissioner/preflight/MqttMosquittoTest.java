package com.sourceful.commissioner.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.sourceful.commissioner.preflight.PreflightResult.Outcome;
import com.sourceful.commissioner.preflight.PreflightResult.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against Debian's {@code mosquitto} (bookworm: 2.0.11) with a password file, on a port and config of its
 * own (never the system broker on 1883). Fails (never skips) when mosquitto is missing: {@code .ci/run} installs it.
 *
 * <p>Mosquitto 2.0 answers an MQTT 3.1.1 CONNECT with a wrong password, an unknown user or no credentials at all
 * with CONNACK 5 (not authorized), never 4 (bad user name or password).
 */
class MqttMosquittoTest {

    static final String MOSQUITTO = "/usr/sbin/mosquitto";
    static final String MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";
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
        Peers.requireExecutable("mosquitto", MOSQUITTO);
        Peers.requireExecutable("mosquitto", MOSQUITTO_PASSWD);
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder(MOSQUITTO_PASSWD, "-b", "-c", passwords.toString(), USER, PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mosquitto_passwd: " + out).isTrue();

        port = Peers.closedPort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwords,
                "persistence false",
                // when run as root, mosquitto drops to this user: stay who we are, to read the files in dir
                "user " + System.getProperty("user.name"),
                "log_dest stderr"));
        Path log = dir.resolve("mosquitto.log");
        broker = new ProcessBuilder(MOSQUITTO, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Peers.awaitListening(port, broker, Duration.ofSeconds(10), log);
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

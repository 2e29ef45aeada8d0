package com.sourceful.commissioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.sourceful.commissioner.novacore.AccessToken;
import com.sourceful.commissioner.novacore.NovacoreClient;
import com.sourceful.commissioner.novacore.TechnicianKey;
import com.sourceful.commissioner.report.AppLog;
import com.sourceful.commissioner.sim.NovacoreStandIn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With debug logging on, as a technician or support would turn it on (a {@code -D} option, also through
 * {@code JDK_JAVA_OPTIONS}, even naming HttpClient's header and wire loggers), a sign-in and a call with the token
 * leave no token on standard error or in the log file. A fresh JVM: slf4j-simple reads its levels once per logger.
 */
class DebugLogLeakTest {

    /** The RFC 8032 test key's seed: a technician key the stand-in may sign in. */
    static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    /** The child: {@code DebugLogLeakTest$Child <log file> <key file>}. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            // The app's own logging set-up; --help returns before any window.
            Main.main(new String[] {"--help"});
            AppLog.teeStandardError(Path.of(args[0]), AppLog.MAX_BYTES);
            Clock clock = Clock.systemUTC();
            try (NovacoreStandIn nova = NovacoreStandIn.start(InetAddress.getByName("127.0.0.1"), 0, clock);
                    NovacoreClient client = new NovacoreClient(nova.baseUri(), clock)) {
                TechnicianKey key = TechnicianKey.load(Path.of(args[1]));
                nova.registerTechnician(key.publicKeyHex());
                AccessToken signedIn = client.signIn(key);
                client.sites(signedIn);
                client.sites(AccessToken.parse(nova.issueToken(NovacoreStandIn.newIdentityId(), Duration.ofHours(1))));
            }
            System.err.println("child done");
        }
    }

    @Test
    void debugLoggingPrintsNoTokenAnywhere(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs").resolve(AppLog.FILE_NAME);
        Path keyFile = dir.resolve("tech.key");
        Files.writeString(keyFile, SEED, StandardCharsets.UTF_8);
        Path console = dir.resolve("console.txt");
        ProcessBuilder child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Duser.home=" + dir,
                "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.headers=debug",
                "-Dorg.slf4j.simpleLogger.log.org.apache.hc.client5.http.wire=debug",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), log.toString(),
                keyFile.toString()))
                .redirectErrorStream(true).redirectOutput(console.toFile());
        child.environment().put("JDK_JAVA_OPTIONS", "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
        Process p = child.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
        String out = Files.readString(console, Charset.defaultCharset());
        String logged = Files.readString(log, Charset.defaultCharset());
        // Say where, never what: a finding must not print the token into this JVM's output again.
        assertThat(p.exitValue()).as("the child's exit status (output in %s)", console).isZero();
        Pattern httpDebug = Pattern.compile("DEBUG org\\.apache\\.hc\\.client5");
        assertThat(out.contains("child done") && httpDebug.matcher(out).find())
                .as("the child ran at debug level (output in %s)", console).isTrue();
        assertThat(httpDebug.matcher(logged).find()).as("the log file has the debug lines").isTrue();
        // Off, not merely redacted: what they print of bodies and headers is more than redaction can know of.
        for (String logger : AppLog.HTTP_WIRE_LOGGERS) {
            assertThat(out.contains(" " + logger + " - ") || logged.contains(" " + logger + " - "))
                    .as("lines from %s", logger).isFalse();
        }
        assertThat(SecretsLeakTest.leaks(out)).as("tokens on standard error").isEmpty();
        assertThat(SecretsLeakTest.leaks(logged)).as("tokens in the log file").isEmpty();
        assertThat(Pattern.compile("(?i)bearer\\s+[A-Za-z0-9]").matcher(out + logged).find())
                .as("a Bearer credential in the output or the log file").isFalse();
    }
}

package com.sourceful.commissioner.visit;

import static com.sourceful.commissioner.visit.VisitSamples.assertSameVisit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Outcomes;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The visit file is read back exactly as written, whatever the visit holds; and a damaged or hostile file (mutated
 * from real ones: bytes flipped, cut at every length, fields retyped, huge numbers, NaN, deep nesting, duplicated
 * keys, very long texts, a password in a config) either reads as a whole, valid visit without a secret or is refused
 * with a {@link VisitFileException}: never another exception, never a hang (each test has a time limit).
 */
class VisitFilePropertyTest {

    static final String ID = "0b9d2c1e-5f4a-4e3b-9c8d-7a6b5c4d3e2f";
    static final String SECRET = "hunter2-real-secret";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anyVisitReadsBackExactly() {
        Props.forAll(500, VisitSamples.VISITS, visit -> {
            String text = VisitFile.write(visit);
            assertSameVisit(VisitFile.read(text.getBytes(StandardCharsets.UTF_8)), visit);
            // Written again, the same text: nothing drifts from one save to the next.
            assertThat(VisitFile.write(VisitFile.read(text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(text);
        });
    }

    /** Real files: rich, bare, and one with a password planted in a config (a hand edit, a colleague's export). */
    static List<String> documents() {
        String rich = VisitFile.write(VisitSamples.rich(ID));
        JsonObject planted = JsonParser.parseString(rich).getAsJsonObject();
        planted.getAsJsonObject("session").getAsJsonArray("visits").get(1).getAsJsonObject()
                .getAsJsonObject("device").getAsJsonObject("config").addProperty("password", SECRET);
        return List.of(rich, VisitFile.write(VisitSamples.bare(ID)), planted.toString());
    }

    /** Read returns a usable visit or refuses the file; nothing else. Returns whether it read. */
    static boolean readsWholeOrRefuses(byte[] bytes) {
        SiteVisit visit;
        try {
            visit = VisitFile.read(bytes);
        } catch (VisitFileException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain(SECRET);
            return false;
        }
        Outcomes.assertNoNulls(visit);
        assertThat(VisitFile.isVisitId(visit.id())).isTrue();
        boolean secretUnderAnotherName = false;
        for (DeviceVisit v : visit.session().visits()) {
            for (Map.Entry<String, Object> f : v.device().config().fields().entrySet()) {
                if (DeviceConfig.isSecret(f.getKey())) {
                    assertThat(f.getValue()).isEqualTo(DeviceConfig.of("t", Map.of(f.getKey(), "x"))
                            .withoutSecrets().fields().get(f.getKey()));
                }
                // A flipped byte can turn "password" into a name no secret has ("passwoqd"): then it is data.
                secretUnderAnotherName |= SECRET.equals(f.getValue());
            }
        }
        // What was read is written again without complaint, and without the secret under a secret's name.
        String written = VisitFile.write(visit);
        if (!secretUnderAnotherName) {
            assertThat(written).doesNotContain(SECRET);
        }
        return true;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aMutatedFileReadsWholeOrIsRefused() {
        List<String> documents = documents();
        String longText = "x".repeat(VisitFile.MAX_TEXT + 1);
        Gen<String> extremes = (r, size) -> {
            String doc = documents.get(r.nextInt(documents.size()));
            return switch (r.nextInt(8)) {
                case 0 -> doc.replaceFirst("\"display_name\": \"[^\"]*\"", "\"display_name\": \"" + longText + "\"");
                case 1 -> doc.replaceFirst("\"sn\": \"[^\"]*\"", "\"sn\": \"" + "s".repeat(300) + "\"");
                case 2 -> doc.replaceFirst("\"expected_watts\": [-0-9.E]+", "\"expected_watts\": NaN");
                case 3 -> doc.replaceFirst("\"measured_phase\": [0-9]+", "\"measured_phase\": 1e999999999");
                case 4 -> doc.replaceFirst("\"session\": \\{", "\"session\": " + "[".repeat(5000) + "{");
                // The second Zap given the first one's serial; the Zaps' list left out (a file of before it).
                case 5 -> doc.replaceFirst("\"zap-0000beef\",\n(\\s*)\"base_uri\": \"http://127.0.0.2",
                        "\"zap-04772a97\",\n$1\"base_uri\": \"http://127.0.0.2");
                case 6 -> doc.replaceFirst("\"gateways\": \\[", "\"gateways_of_old\": [");
                default -> doc.replaceFirst("\"finished\": (true|false)", "\"finished\": \"true\"");
            };
        };
        AtomicInteger read = new AtomicInteger();
        Props.forAllStrings(1500, Gens.oneOf(JsonFuzz.anything(documents), extremes), text -> {
            if (readsWholeOrRefuses(text.getBytes(StandardCharsets.UTF_8))) {
                read.incrementAndGet();
            }
        });
        // The mutants are close enough to real files that many still read: the checks above are exercised.
        assertThat(read.get()).isGreaterThan(100);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFileWithBytesFlippedReadsWholeOrIsRefused() {
        List<byte[]> files = documents().stream().map(d -> d.getBytes(StandardCharsets.UTF_8)).toList();
        Gen<byte[]> flipped = (r, size) -> {
            byte[] b = files.get(r.nextInt(files.size())).clone();
            for (int n = 1 + r.nextInt(1 + size / 10); n > 0; n--) {
                int at = r.nextInt(b.length);
                b[at] = r.nextBoolean() ? (byte) (b[at] ^ (1 << r.nextInt(8))) : (byte) r.nextInt(256);
            }
            return b;
        };
        Props.forAll(3000, flipped, VisitFilePropertyTest::readsWholeOrRefuses);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFileCutShortAtAnyLengthIsRefused() {
        byte[] file = VisitFile.write(VisitSamples.bare(ID)).getBytes(StandardCharsets.UTF_8);
        List<Integer> readAt = new ArrayList<>();
        for (int length = 0; length <= file.length; length++) {
            byte[] cut = Arrays.copyOf(file, length);
            if (readsWholeOrRefuses(cut)) {
                readAt.add(length);
            }
        }
        // Only the whole file, or the whole file less its final newline, reads.
        assertThat(readAt).containsExactly(file.length - 1, file.length);
    }
}

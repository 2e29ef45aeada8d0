package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sourceful.commissioner.testsupport.AddressOracle;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recent-zaps.json} as a crash, a disk or a person may leave it: mutated from a real file, with addresses
 * that are almost right. Loading never throws, and every entry it returns is one the app can use: a serial and an
 * {@code http://} address with a valid host and port (an entry that is not is skipped, the others kept).
 */
class RecentZapsPropertyTest {

    @TempDir
    Path dir;

    static FoundZap zap(String serial, String address, Instant seen) {
        return new FoundZap(serial, URI.create(address), "1.4.2", Optional.empty(), OptionalInt.empty(),
                Optional.empty(), 0, EnumSet.of(FoundZap.Source.TYPED), seen, true);
    }

    static final List<String> ADDRESSES = List.of("http://192.168.1.20/", "http://192.168.1.21:8080/",
            "http://zap.local/", "http://[fe80::1]:80/", "http://127.0.0.1:65535/");

    /** A file with addresses replaced by near misses ("http://192.168.1.20:80800/", "http://01.2.3.4/", …). */
    static String withAddresses(RandomGenerator r, int size) {
        JsonArray zaps = new JsonArray();
        for (int i = 0; i < 1 + r.nextInt(5); i++) {
            JsonObject o = new JsonObject();
            o.addProperty("serial", "zap-0000000" + i);
            String a = ADDRESSES.get(r.nextInt(ADDRESSES.size()));
            o.addProperty("lastAddress", r.nextBoolean() ? a : Gens.nearMiss((rr, s) -> a).next(r, size));
            o.addProperty("lastSeen", Instant.parse("2026-06-21T10:00:00Z").plusSeconds(i).toString());
            zaps.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.add("zaps", zaps);
        return root.toString();
    }

    @Test
    void aDamagedFileGivesOnlyUsableEntriesAndNeverThrows() throws Exception {
        Path file = dir.resolve("recent-zaps.json");
        RecentZaps recent = new RecentZaps(file);
        Instant t = Instant.parse("2026-06-21T10:00:00Z");
        for (int i = 0; i < ADDRESSES.size(); i++) {
            recent.remember(zap("zap-0000000" + i, ADDRESSES.get(i), t.plusSeconds(i)));
        }
        String real = Files.readString(file);
        assertThat(RecentZaps.parse(real, problem -> { })).hasSize(ADDRESSES.size());
        Gen<String> files = Gens.oneOf(JsonFuzz.anything(List.of(real)), RecentZapsPropertyTest::withAddresses);
        Props.forAllStrings(1000, files, text -> {
            List<String> problems = new ArrayList<>();
            List<RecentZaps.Entry> entries = RecentZaps.parse(text, problems::add);
            assertThat(entries.size()).isLessThanOrEqualTo(RecentZaps.MAX_ENTRIES);
            Set<String> serials = new HashSet<>();
            for (RecentZaps.Entry e : entries) {
                assertThat(e.serial()).isNotBlank();
                assertThat(serials.add(e.serial())).as("one entry per serial").isTrue();
                assertThat(e.lastSeen()).isNotNull();
                String address = e.lastAddress().toString();
                assertThat(AddressOracle.isZapAddress(address)).as("%s is a usable Zap address", Props.show(address)).isTrue();
            }
        });
    }

    /** The file itself, damaged as bytes too (not UTF-8, cut, empty): load() never throws. */
    @Test
    void aDamagedFileNeverMakesLoadThrow() throws Exception {
        Path file = dir.resolve("recent-zaps.json");
        Gen<String> files = Gens.oneOf(JsonFuzz.anything(List.of(withAddresses(new SplittableRandom(1), 50))),
                Gens.anyText(200));
        Props.forAllStrings(30, files, text -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    bytes[i] = (byte) 0xC3; // a byte that is not UTF-8 here
                }
            }
            Files.write(file, bytes);
            assertThat(new RecentZaps(file).load()).isNotNull();
        });
    }

    /** A Zap seen at an address, as the Find step remembers it (the address as ZapClient.baseUriOf makes it). */
    record Seen(String serial, String address) {
    }

    /** What is remembered comes back: one entry per serial, its latest address, newest first, at most 20. */
    @Test
    void rememberedZapsComeBackNewestFirst() {
        Gen<List<Seen>> histories = (r, size) -> {
            List<Seen> h = new ArrayList<>();
            for (int i = r.nextInt(1, 30); i > 0; i--) {
                h.add(new Seen("zap-" + Integer.toHexString(0x1000 + r.nextInt(25)),
                        AddressOracle.typedZapAddresses().filter(AddressOracle::isZapAddress)
                                .map(a -> ZapClient.baseUriOf(a).toString()).next(r, size)));
            }
            return h;
        };
        Props.forAll(15, histories, history -> {
            Path file = Files.createTempFile(dir, "recent", ".json");
            Files.delete(file);
            RecentZaps recent = new RecentZaps(file);
            Instant t = Instant.parse("2026-06-21T10:00:00Z");
            List<RecentZaps.Entry> expected = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                Seen h = history.get(i);
                recent.remember(zap(h.serial, h.address, t.plusSeconds(i)));
                expected.removeIf(e -> e.serial().equals(h.serial));
                expected.add(0, new RecentZaps.Entry(h.serial, URI.create(h.address), t.plusSeconds(i)));
                while (expected.size() > RecentZaps.MAX_ENTRIES) {
                    expected.remove(expected.size() - 1);
                }
            }
            assertThat(new RecentZaps(file).load()).isEqualTo(expected);
        });
    }
}

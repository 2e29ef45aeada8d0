package com.sourceful.commissioner.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.zap.ZapClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentZapsTest {

    @TempDir
    Path dir;

    static FoundZap zap(String serial, String address, Instant seen) {
        return new FoundZap(serial, URI.create(address), "1.4.2", Optional.empty(), OptionalInt.empty(),
                Optional.empty(), 0, EnumSet.of(FoundZap.Source.TYPED), seen, true);
    }

    @Test
    void rememberedZapsComeBackNewestFirstOnePerSerial() {
        Path file = dir.resolve("sub").resolve("recent-zaps.json");
        RecentZaps recent = new RecentZaps(file);
        assertThat(recent.load()).isEmpty();
        Instant t = Instant.parse("2026-06-21T10:00:00Z");
        recent.remember(zap("zap-00000001", "http://192.168.1.20/", t));
        recent.remember(zap("zap-00000002", "http://192.168.1.21:8080/", t.plusSeconds(1)));
        recent.remember(zap("zap-00000001", "http://192.168.1.30/", t.plusSeconds(2)));
        assertThat(new RecentZaps(file).load()).containsExactly(
                new RecentZaps.Entry("zap-00000001", URI.create("http://192.168.1.30/"), t.plusSeconds(2)),
                new RecentZaps.Entry("zap-00000002", URI.create("http://192.168.1.21:8080/"), t.plusSeconds(1)));
    }

    @Test
    void keepsAtMostTwenty() {
        RecentZaps recent = new RecentZaps(dir.resolve("recent-zaps.json"));
        Instant t = Instant.parse("2026-06-21T10:00:00Z");
        for (int i = 0; i < 25; i++) {
            recent.remember(zap(String.format("zap-%08x", i), "http://10.0.0." + (i + 1) + "/", t.plusSeconds(i)));
        }
        assertThat(recent.load()).hasSize(RecentZaps.MAX_ENTRIES);
        assertThat(recent.load().get(0).serial()).isEqualTo("zap-00000018");
        assertThat(recent.load().get(19).serial()).isEqualTo("zap-00000005");
    }

    @Test
    void aCorruptFileIsAnEmptyListAndIsReplacedOnTheNextWrite() throws Exception {
        Path file = dir.resolve("recent-zaps.json");
        RecentZaps recent = new RecentZaps(file);
        for (String junk : new String[] {"{not json", "[]", "{\"zaps\":5}", "", "null"}) {
            Files.writeString(file, junk);
            assertThat(recent.load()).as(junk).isEmpty();
        }
        Files.writeString(file, "{\"zaps\":[{\"serial\":\"zap-1\"},{\"serial\":\"zap-00000009\","
                + "\"lastAddress\":\"http://10.0.0.9/\",\"lastSeen\":\"2026-06-21T10:00:00Z\"}]}");
        assertThat(recent.load()).extracting(RecentZaps.Entry::serial).containsExactly("zap-00000009");
        Files.writeString(file, "{not json");
        recent.remember(zap("zap-00000001", "http://10.0.0.1/", Instant.EPOCH));
        assertThat(recent.load()).extracting(RecentZaps.Entry::serial).containsExactly("zap-00000001");
    }

    @Test
    void theAtomicWriteLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("recent-zaps.json");
        RecentZaps recent = new RecentZaps(file);
        for (int i = 0; i < 3; i++) {
            recent.remember(zap("zap-0000000" + i, "http://10.0.0.1/", Instant.EPOCH));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("recent-zaps.json");
        }
        assertThat(Files.readString(file)).contains("\"zap-00000002\"").contains("http://10.0.0.1/");
    }

    @Test
    void aFileThatCannotBeWrittenIsLoggedNotThrown() throws Exception {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        RecentZaps recent = new RecentZaps(blocker.resolve("recent-zaps.json")); // parent is a file
        recent.remember(zap("zap-00000001", "http://10.0.0.1/", Instant.EPOCH));
        assertThat(recent.load()).isEmpty();
    }

    @Test
    void defaultFilePerOperatingSystem() {
        assertThat(RecentZaps.defaultFile("Windows 11", "C:\\Users\\t", "C:\\Users\\t\\AppData\\Roaming", null)
                .toString()).endsWith("ZapCommissioner" + sep() + "recent-zaps.json").contains("Roaming");
        assertThat(RecentZaps.defaultFile("Mac OS X", "/Users/t", null, null))
                .isEqualTo(Path.of("/Users/t/Library/Application Support/ZapCommissioner/recent-zaps.json"));
        assertThat(RecentZaps.defaultFile("Linux", "/home/t", null, null))
                .isEqualTo(Path.of("/home/t/.config/zap-commissioner/recent-zaps.json"));
        // Absolute on the OS running the test too ("/xdg" is not on Windows: no drive).
        Path xdg = Path.of("/xdg").toAbsolutePath();
        assertThat(RecentZaps.defaultFile("Linux", "/home/t", null, xdg.toString()))
                .isEqualTo(xdg.resolve("zap-commissioner/recent-zaps.json"));
        assertThat(RecentZaps.defaultFile("Linux", "/home/t", null, "relative"))
                .isEqualTo(Path.of("/home/t/.config/zap-commissioner/recent-zaps.json"));
        assertThat(RecentZaps.defaultFile().getFileName().toString()).isEqualTo("recent-zaps.json");
    }

    private static String sep() {
        return File.separator;
    }

    /** Found by RecentZapsPropertyTest: entries whose address the app cannot use were loaded. */
    @Test
    void entriesWithUnusableAddressesAreSkipped() {
        String text = "{\"version\":1,\"zaps\":["
                + "{\"serial\":\"zap-1\",\"lastAddress\":\"http://0\",\"lastSeen\":\"2026-06-21T10:00:00Z\"},"
                + "{\"serial\":\"zap-2\",\"lastAddress\":\"http://192.168.1.20:80800/\",\"lastSeen\":\"2026-06-21T10:00:00Z\"},"
                + "{\"serial\":\"zap-3\",\"lastAddress\":\"http://u@192.168.1.20/\",\"lastSeen\":\"2026-06-21T10:00:00Z\"},"
                + "{\"serial\":\"zap-4\",\"lastAddress\":\"http://192.168.1.20/\",\"lastSeen\":\"2026-06-21T10:00:00Z\"}]}";
        assertThat(RecentZaps.parse(text, problem -> { })).extracting(RecentZaps.Entry::serial).containsExactly("zap-4");
    }

    /** Found by RecentZapsPropertyTest: a Zap typed as "HTTP://…" was remembered but never came back. */
    @Test
    void aZapTypedWithAnUpperCaseSchemeIsRemembered(@TempDir Path dir) {
        RecentZaps recent = new RecentZaps(dir.resolve("recent-zaps.json"));
        Instant t = Instant.parse("2026-06-21T10:00:00Z");
        recent.remember(zap("zap-00000001", ZapClient.baseUriOf("HTTP://192.168.1.20").toString(), t));
        assertThat(recent.load()).extracting(RecentZaps.Entry::serial).containsExactly("zap-00000001");
    }

    @Test
    void aHugeFileIsSkippedWithAMessageNotReadWhole() throws Exception {
        Path file = HostileFiles.huge(dir.resolve("recent-zaps.json"));
        List<String> problems = new ArrayList<>();
        assertThat(new RecentZaps(file).load(problems::add)).isEmpty();
        assertThat(problems).singleElement().asString().contains("larger than");
    }

    @Test
    void aFifoIsSkippedWithoutBlocking() throws Exception {
        Path file = HostileFiles.fifo(dir.resolve("recent-zaps.json"));
        List<String> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new RecentZaps(file).load(problems::add));
        assertThat(problems).singleElement().asString().contains("not a regular file");
    }

    @Test
    void aLinkToADeviceIsSkippedAndReplacedByTheNextWrite() throws Exception {
        Path file = HostileFiles.linkToDevZero(dir.resolve("recent-zaps.json"));
        RecentZaps recent = new RecentZaps(file);
        List<String> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> recent.load(problems::add));
        assertThat(problems).singleElement().asString().contains("not a regular file");
        recent.remember(zap("zap-00000001", "http://127.0.0.1:8080/", Instant.parse("2026-06-21T10:00:00Z")));
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(recent.load()).hasSize(1);
    }
}

package com.sourceful.commissioner.visit;

import static com.sourceful.commissioner.visit.VisitSamples.assertSameVisit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.sourceful.commissioner.commissioning.CommissioningSession.SiteChoice;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.files.PrivateFolders;
import com.sourceful.commissioner.testsupport.HostileFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisitStoreTest {

    @TempDir
    Path settings;

    Path folder() {
        return settings.resolve("visits");
    }

    static String id(int n) {
        return new UUID(0x1234L, n).toString();
    }

    /** Visit {@code n}, saved at second {@code n} (so a higher n is newer). */
    static SiteVisit visit(int n, boolean finished) {
        SiteVisit bare = VisitSamples.bare(id(n));
        return new SiteVisit(bare.id(), bare.startedAt(), Instant.ofEpochSecond(1_780_000_000L + n), finished,
                bare.session());
    }

    List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFolderIsMadePrivate() throws Exception {
        new VisitStore(folder());
        assertThat(folder()).isDirectory();
        if (PrivateFolders.posix(folder())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder()))).isEqualTo("rwx------");
        }
    }

    @Test
    void aSavedVisitIsOfferedUntilFinished() throws Exception {
        VisitStore store = new VisitStore(folder());
        assertThat(store.unfinished()).isEmpty();
        SiteVisit rich = VisitSamples.rich(id(1));
        store.save(rich);
        assertThat(files()).containsExactly(id(1) + ".json");
        assertSameVisit(new VisitStore(folder()).unfinished().orElseThrow(), rich);

        store.finish(id(1));
        assertThat(store.unfinished()).isEmpty();
        assertThat(store.history()).hasSize(1);
        assertThat(store.history().get(0).finished()).isTrue();
        assertSameVisit(store.history().get(0), new SiteVisit(rich.id(), rich.startedAt(), rich.savedAt(), true,
                rich.session()));
    }

    @Test
    void theNewestUnfinishedVisitIsOfferedAndHistoryIsNewestFirst() throws Exception {
        VisitStore store = new VisitStore(folder());
        store.save(visit(2, false));
        store.save(visit(5, true));
        store.save(visit(3, false));
        store.save(visit(1, false));
        assertThat(store.unfinished().orElseThrow().id()).isEqualTo(id(3));
        assertThat(store.history()).extracting(SiteVisit::id).containsExactly(id(5), id(3), id(2), id(1));
    }

    @Test
    void atMostThirtyFinishedVisitsAreKeptAndNoUnfinishedOneIsRemoved() throws Exception {
        VisitStore store = new VisitStore(folder());
        store.save(visit(0, false)); // the oldest of all, unfinished: stays
        for (int n = 1; n <= VisitStore.KEPT + 5; n++) {
            store.save(visit(n, true));
        }
        store.save(visit(100, false));
        List<SiteVisit> history = store.history();
        assertThat(history.stream().filter(SiteVisit::finished)).hasSize(VisitStore.KEPT);
        assertThat(history).extracting(SiteVisit::id).contains(id(0), id(100), id(6), id(VisitStore.KEPT + 5))
                .doesNotContain(id(1), id(5));
        assertThat(files()).hasSize(VisitStore.KEPT + 2);

        // Finishing one more removes the oldest finished one, and never an unfinished one.
        store.finish(id(0));
        assertThat(store.history()).extracting(SiteVisit::id).contains(id(100)).doesNotContain(id(0));
        assertThat(store.unfinished().orElseThrow().id()).isEqualTo(id(100));
    }

    @Test
    void aFileThatDoesNotReadIsKeptAsCorruptAndSkipped() throws Exception {
        VisitStore store = new VisitStore(folder());
        store.save(visit(1, false));
        store.save(visit(2, false));
        Path damaged = folder().resolve(id(2) + ".json");
        byte[] bytes = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 2));
        // A file whose name is not its visit's id: planted or copied; not this id's.
        Files.copy(folder().resolve(id(1) + ".json"), folder().resolve(id(3) + ".json"));

        assertThat(store.unfinished().orElseThrow().id()).isEqualTo(id(1));
        assertThat(files()).containsExactlyInAnyOrder(id(1) + ".json", id(2) + ".json.corrupt",
                id(3) + ".json.corrupt");
        assertThat(Files.readAllBytes(folder().resolve(id(2) + ".json.corrupt"))).hasSize(bytes.length / 2);
        assertThatThrownBy(() -> store.finish(id(2))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFileThatIsNotARegularFileIsQuarantinedWithoutBeingOpened() throws Exception {
        VisitStore store = new VisitStore(folder());
        store.save(visit(1, false));
        HostileFiles.fifo(folder().resolve(id(2) + ".json"));
        assertThat(store.history()).extracting(SiteVisit::id).containsExactly(id(1));
        assertThat(files()).contains(id(2) + ".json.corrupt");
    }

    @Test
    void aSaveThatFailsBeforeTheMoveLeavesThePreviousFileIntact() throws Exception {
        new VisitStore(folder()).save(visit(1, false));
        byte[] before = Files.readAllBytes(folder().resolve(id(1) + ".json"));
        VisitStore crashing = new VisitStore(folder(), (temp, target) -> {
            throw new IOException("power cut");
        });
        SiteVisit later = VisitSamples.rich(id(1));
        assertThatThrownBy(() -> crashing.save(later)).hasMessage("power cut");
        assertThat(Files.readAllBytes(folder().resolve(id(1) + ".json"))).isEqualTo(before);
        assertThat(new VisitStore(folder()).unfinished().orElseThrow()).isEqualTo(visit(1, false));
        assertThat(files()).containsExactly(id(1) + ".json");
    }

    @Test
    void anIdThatIsNotAUuidIsRefused() throws Exception {
        VisitStore store = new VisitStore(folder());
        for (String bad : List.of("../escape", "visit", "", "0B9D2C1E-5F4A-4E3B-9C8D-7A6B5C4D3E2F",
                id(1) + "/../../x", id(1) + " ")) {
            SiteVisit v = VisitSamples.bare(bad);
            assertThatThrownBy(() -> store.save(v)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.finish(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(files()).isEmpty();
        assertThat(settings.resolve("escape.json")).doesNotExist();
    }

    @Test
    void aSavedFileHoldsNoSecret() throws Exception {
        VisitStore store = new VisitStore(folder());
        store.save(VisitSamples.rich(id(1)));
        String text = Files.readString(folder().resolve(id(1) + ".json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("hunter2");
    }

    @Test
    void aTempFileLeftByACrashIsRemoved() throws Exception {
        Files.createDirectories(folder());
        Path temp = Files.writeString(folder().resolve(id(1) + ".json.123.tmp"), "{");
        Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minusSeconds(3600)));
        new VisitStore(folder());
        assertThat(temp).doesNotExist();
    }

    @Test
    void aTempFileOfASaveUnderWayByAnotherStoreOfTheFolderStays() throws Exception {
        Files.createDirectories(folder());
        Path temp = Files.writeString(folder().resolve(id(1) + ".json.123.tmp"), "{");
        new VisitStore(folder());
        assertThat(temp).as("written a moment ago: a save under way, about to be moved over its visit").exists();
    }

    @Test
    void aVisitTheFileCannotHoldIsNotWrittenOverTheLastSave() throws Exception {
        VisitStore store = new VisitStore(folder());
        store.save(visit(1, false));
        SiteVisit bare = visit(1, false);
        Snapshot s = bare.session();
        SiteVisit badSite = new SiteVisit(bare.id(), bare.startedAt(), bare.savedAt(), false, new Snapshot(s.gateway(),
                Optional.of(new SiteChoice(Optional.of("sit\u0000"), "x")), s.visits(), s.currentDevice(),
                s.loadTests(), s.removals(), s.wifiChanges(), s.claims(), s.technician(), s.history()));
        assertThatThrownBy(() -> store.save(badSite)).isInstanceOf(IOException.class)
                .hasMessageContaining("session.site.novacore_site_id: not printable");
        assertThat(store.unfinished().orElseThrow()).isEqualTo(bare);
    }
}

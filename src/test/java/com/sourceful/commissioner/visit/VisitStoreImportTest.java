package com.sourceful.commissioner.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.commissioning.CommissioningSession.DeviceVisit;
import com.sourceful.commissioner.commissioning.CommissioningSession.Snapshot;
import com.sourceful.commissioner.testsupport.HostileFiles;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.visit.VisitFileProblem.Kind;
import com.sourceful.commissioner.zap.DeviceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A visit exported on one laptop and imported on another: a new unfinished visit, or refused with nothing written. */
class VisitStoreImportTest {

    static final String ID = "0b9d2c1e-5f4a-4e3b-9c8d-7a6b5c4d3e2f";
    static final Instant NOW = Instant.parse("2026-12-06T10:42:00Z");

    @TempDir
    Path dir;

    VisitStore store(String name) throws IOException {
        return new VisitStore(dir.resolve(name));
    }

    Map<String, byte[]> files(VisitStore store) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.list(store.folder())) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void anExportedVisitIsImportedUnderANewIdUnfinishedWithTheSameSession() throws Exception {
        VisitStore mine = store("mine");
        SiteVisit rich = new SiteVisit(ID, VisitSamples.T0, VisitSamples.T0.plusSeconds(60), true,
                VisitSamples.rich(ID).session());
        mine.save(rich);
        Path exported = mine.export(ID, dir.resolve("visit.zapvisit.json"));
        assertThat(Files.readString(exported)).isEqualTo(VisitFile.write(rich));

        VisitStore colleague = store("colleague");
        SiteVisit imported = colleague.importVisit(exported, NOW);
        assertThat(imported.id()).isNotEqualTo(ID);
        assertThat(VisitFile.isVisitId(imported.id())).isTrue();
        assertThat(imported.finished()).as("an imported visit is to be finished").isFalse();
        assertThat(imported.startedAt()).isEqualTo(rich.startedAt());
        assertThat(imported.savedAt()).isEqualTo(NOW);
        VisitSamples.assertSameVisit(imported, new SiteVisit(imported.id(), rich.startedAt(), NOW, false,
                rich.session()));
        assertThat(colleague.unfinished().map(SiteVisit::id)).contains(imported.id());
        assertThat(files(colleague).keySet()).containsExactly(imported.id() + ".json");
    }

    @Test
    void importingNeverOverwritesAVisitEvenItsOwnOriginalOrTheSameFileTwice() throws Exception {
        VisitStore store = store("visits");
        SiteVisit original = VisitSamples.rich(ID);
        store.save(original);
        Map<String, byte[]> before = files(store);
        byte[] bytes = VisitFile.write(original).getBytes(StandardCharsets.UTF_8);

        SiteVisit first = store.importVisit(bytes, NOW);
        SiteVisit second = store.importVisit(bytes, NOW);
        assertThat(List.of(first.id(), second.id())).doesNotContain(ID).doesNotHaveDuplicates();
        Map<String, byte[]> after = files(store);
        assertThat(after.keySet()).containsExactlyInAnyOrder(ID + ".json", first.id() + ".json",
                second.id() + ".json");
        assertThat(after.get(ID + ".json")).as("the original untouched").isEqualTo(before.get(ID + ".json"));
    }

    @Test
    void theExportHoldsNoSecretTheWifiPasswordStaysItsMark() throws Exception {
        DeviceConfig withPassword = DeviceConfig.of("mqtt", Map.of("broker_host", "127.0.0.1", "user", "meter",
                "password", "hunter2-real-secret"));
        SiteVisit bare = VisitSamples.bare(ID);
        DeviceVisit meter = new DeviceVisit("zap-1", new CommissioningSession.Device("MTR-1", "p1_mqtt", "meters",
                "Meter", withPassword, List.of()), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Snapshot s = bare.session();
        SiteVisit visit = new SiteVisit(ID, bare.startedAt(), bare.savedAt(), false, new Snapshot(s.gateway(),
                s.site(), List.of(meter), s.currentDevice(), s.loadTests(), s.removals(), s.wifiChanges(),
                s.claims(), s.technician(), s.history()));
        Path target = VisitStore.exportTo(visit, dir.resolve("out.zapvisit.json"));
        String text = Files.readString(target);
        assertThat(text).doesNotContain("hunter2").contains("\"password\": \"••••\"");

        SiteVisit imported = store("colleague").importVisit(target, NOW);
        assertThat(imported.session().visits().get(0).device().config().fields().get("password"))
                .isEqualTo("••••");
    }

    @Test
    void theExportNameSaysTheSiteElseTheZapAndWhen() {
        ZoneId stockholm = ZoneId.of("Europe/Stockholm");
        // "Villa Solsidan, Storgatan 1", saved 2026-06-21 09:15:30 UTC: 11:15 in Stockholm.
        SiteVisit rich = VisitSamples.rich(ID);
        assertThat(VisitStore.exportName(rich, stockholm))
                .isEqualTo("visit-Villa-Solsidan-Storgatan-1-20260621-1115.zapvisit.json");
        Snapshot s = rich.session();
        SiteVisit noSite = new SiteVisit(ID, rich.startedAt(), rich.savedAt(), false, new Snapshot(s.gateway(),
                Optional.empty(), s.visits(), s.currentDevice(), s.loadTests(), s.removals(), s.wifiChanges(),
                s.claims(), s.technician(), s.history()));
        assertThat(VisitStore.exportName(noSite, ZoneOffset.UTC))
                .isEqualTo("visit-zap-04772a97-20260621-0915.zapvisit.json");
        assertThat(VisitStore.exportName(VisitSamples.bare(ID), ZoneOffset.UTC))
                .isEqualTo("visit-20260621-0815.zapvisit.json");
        SiteVisit odd = new SiteVisit(ID, rich.startedAt(), rich.savedAt(), false, new Snapshot(s.gateway(),
                Optional.of(new CommissioningSession.SiteChoice(Optional.empty(),
                        "../../etc/Åby gård: " + "x".repeat(60))),
                s.visits(), s.currentDevice(), s.loadTests(), s.removals(), s.wifiChanges(), s.claims(),
                s.technician(), s.history()));
        assertThat(VisitStore.exportName(odd, ZoneOffset.UTC))
                .isEqualTo("visit-etc-Åby-gård-" + "x".repeat(27) + "-20260621-0915.zapvisit.json");
    }

    @Test
    void anUnknownIdIsNotExported() throws Exception {
        assertThatThrownBy(() -> store("visits").export(ID, dir.resolve("x.json")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    /** Each refused with what is wrong, and the store's files exactly as before. */
    @Test
    void badFilesAreRefusedWithWhatIsWrongAndNothingIsWritten() throws Exception {
        VisitStore store = store("visits");
        store.save(VisitSamples.rich(ID));
        Map<String, byte[]> before = files(store);
        String good = VisitFile.write(VisitSamples.rich(ID));

        assertRefused(store, "{\"not\": \"a visit\"", Kind.NOT_A_VISIT, "");
        assertRefused(store, "%PDF-1.4 binary", Kind.NOT_A_VISIT, "");
        assertRefused(store, "{\"format\": \"zap-outbox\", \"version\": 1}", Kind.NOT_A_VISIT, "");
        assertRefused(store, "[]", Kind.NOT_A_VISIT, "");
        assertRefused(store, good.replace("\"version\": 1", "\"version\": 7"), Kind.NEWER_VERSION, "version");
        JsonObject mutated = JsonParser.parseString(good).getAsJsonObject();
        JsonObject device = mutated.getAsJsonObject("session").getAsJsonArray("visits").get(2).getAsJsonObject()
                .getAsJsonObject("device");
        device.remove("sn");
        assertRefused(store, mutated.toString(), Kind.MISSING, "session.visits[2].device.sn");
        device.addProperty("sn", 42);
        assertRefused(store, mutated.toString(), Kind.WRONG_TYPE, "session.visits[2].device.sn");
        device.addProperty("sn", "x".repeat(300));
        assertRefused(store, mutated.toString(), Kind.OUT_OF_BOUNDS, "session.visits[2].device.sn");
        device.addProperty("sn", "SG1");
        device.addProperty("group", "toasters");
        assertRefused(store, mutated.toString(), Kind.UNKNOWN_VALUE, "session.visits[2].device.group");
        // Reads as a file, but no session could hold it: the same device twice.
        device.addProperty("group", "inverters");
        mutated.getAsJsonObject("session").getAsJsonArray("visits").get(2).getAsJsonObject()
                .addProperty("gateway_serial", "zap-04772a97");
        assertRefused(store, mutated.toString(), Kind.MALFORMED, "session.visits[2]");

        Path huge = HostileFiles.huge(dir.resolve("huge.zapvisit.json"));
        assertThatThrownBy(() -> store.importVisit(huge, NOW)).isInstanceOfSatisfying(VisitFileException.class,
                e -> assertThat(VisitFileProblem.of(e).kind()).isEqualTo(Kind.TOO_LARGE));
        assertThatThrownBy(() -> store.importVisit(dir, NOW)).isInstanceOfSatisfying(VisitFileException.class,
                e -> assertThat(VisitFileProblem.of(e).kind()).isEqualTo(Kind.NOT_A_VISIT));
        assertThatThrownBy(() -> store.importVisit(dir.resolve("gone.json"), NOW))
                .isInstanceOf(NoSuchFileException.class);

        assertThat(files(store)).containsOnlyKeys(before.keySet().toArray(String[]::new));
        Map<String, byte[]> after = files(store);
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    private static void assertRefused(VisitStore store, String text, Kind kind, String path) {
        assertThatThrownBy(() -> store.importVisit(text.getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOfSatisfying(VisitFileException.class, e -> {
                    VisitFileProblem problem = VisitFileProblem.of(e);
                    assertThat(problem.kind()).as(e.getMessage()).isEqualTo(kind);
                    assertThat(problem.path()).as(e.getMessage()).isEqualTo(path);
                });
    }

    /** Mutated exports: each either becomes one new unfinished visit, or is refused and nothing changes. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aMutatedFileIsImportedWholeOrChangesNothing() throws Exception {
        VisitStore store = store("visits");
        store.save(VisitSamples.rich(ID));
        List<String> documents = List.of(VisitFile.write(VisitSamples.rich(ID)),
                VisitFile.write(VisitSamples.bare(ID)));
        int[] imported = {0};
        Props.forAllStrings(300, JsonFuzz.mutants(documents), text -> {
            Map<String, byte[]> before = files(store);
            try {
                SiteVisit visit = store.importVisit(text.getBytes(StandardCharsets.UTF_8), NOW);
                assertThat(visit.finished()).isFalse();
                assertThat(files(store).keySet()).hasSize(before.size() + 1).contains(visit.id() + ".json");
                CommissioningSession.restore(visit.session()); // it can be resumed
                imported[0]++;
            } catch (VisitFileException refused) {
                assertThat(VisitFileProblem.of(refused).kind()).isNotNull();
                assertThat(files(store).keySet()).isEqualTo(before.keySet());
            }
        });
        assertThat(imported[0]).as("some mutants still read: the import path is exercised").isPositive();
    }
}

package com.sourceful.commissioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.testsupport.Gens;
import com.sourceful.commissioner.testsupport.JsonFuzz;
import com.sourceful.commissioner.testsupport.Outcomes;
import com.sourceful.commissioner.testsupport.Props;
import com.sourceful.commissioner.testsupport.Props.Gen;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbox entry files as a crash, a full disk or a hand edit may leave them, mutated from real ones (PENDING, SENT
 * with a result, FAILED): an entry file is either read as a whole, usable entry or skipped; the outbox never throws
 * and never loses the intact entries beside a damaged one. What is queued reads back exactly.
 */
class OutboxPropertyTest {

    static final URI BASE = URI.create("http://127.0.0.1:8089");

    @TempDir
    Path dir;

    TestClock clock;
    Outbox outbox;
    final List<String> realFiles = new ArrayList<>();
    final List<String> ids = new ArrayList<>();

    static ProvisionRequest request(String hardwareId) {
        return new ProvisionRequest("zap-04772a97", hardwareId, "inverter", "sit-7f3a21", "Sungrow SH10RT", "Sungrow",
                "SH10RT", List.of(new ProvisionRequest.DerEntry("pv-array", "solar"),
                        new ProvisionRequest.DerEntry("battery_1", "battery")));
    }

    @BeforeEach
    void realEntries() throws Exception {
        clock = new TestClock(Instant.parse("2026-06-21T10:00:00Z"));
        outbox = new Outbox(dir, clock);
        Outbox.Entry pending = outbox.add(request("SG1"), BASE);
        Outbox.Entry sent = outbox.add(request("SG2"), BASE);
        outbox.markSending(sent.id());
        outbox.markSent(sent.id(), new ProvisionResult(true, "dev-1", "SG2", "sit-7f3a21", "pending",
                List.of(new ProvisionResult.ProvisionedDer("der-1", "pv-array", "solar"))));
        Outbox.Entry failed = outbox.add(new ProvisionRequest("zap-1", "SG3", "meter", "sit-1", null, null, null,
                List.of()), BASE);
        outbox.markFailed(failed.id(), "HTTP 422 validation_failed (site_id)");
        for (Outbox.Entry e : List.of(pending, sent, failed)) {
            ids.add(e.id());
            realFiles.add(Files.readString(dir.resolve(e.id() + ".json")));
        }
    }

    /** A damaged file is read as a whole entry, or refused with a RuntimeException, which the outbox skips. */
    @Test
    void aDamagedEntryFileIsReadWholeOrSkipped() {
        Gen<String> files = JsonFuzz.anything(realFiles);
        AtomicInteger read = new AtomicInteger();
        Props.forAllStrings(1000, files, text -> {
            for (String id : ids) {
                Outbox.Entry e;
                try {
                    e = Outbox.parse(text, id);
                } catch (RuntimeException corrupt) {
                    continue; // skipped by entries() and entry(), with a warning
                }
                assertThat(e.id()).isEqualTo(id);
                Outcomes.assertNoNulls(e, "ProvisionRequest.name", "ProvisionRequest.manufacturer",
                        "ProvisionRequest.model");
                assertThat(e.request().toJson()).isNotNull(); // what the sender will send
                URI.create(e.novacoreBase()); // what the sender will open
                read.incrementAndGet();
            }
        });
        // The mutants are close enough to real files that many still read: the check above is exercised.
        assertThat(read.get()).isGreaterThan(60); // about 200 of 1000 in practice
    }

    /** Beside damaged files, as bytes too: entries() never throws and keeps every intact entry. */
    @Test
    void damagedFilesNeverHideTheIntactOnes() {
        Gen<String> files = Gens.oneOf(JsonFuzz.anything(realFiles), Gens.anyText(100));
        Props.forAllStrings(40, files, text -> {
            Path damaged = dir.resolve(ids.get(0) + ".json");
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    bytes[i] = (byte) 0xFF; // never valid in UTF-8
                }
            }
            Files.write(damaged, bytes);
            List<Outbox.Entry> entries = outbox.entries();
            assertThat(entries).extracting(Outbox.Entry::id).contains(ids.get(1), ids.get(2));
            assertThat(outbox.entry(ids.get(1))).isPresent();
        });
    }

    /** What is queued reads back as it was queued, whatever its text; marking it sent keeps the result. */
    @Test
    void queuedRequestsReadBackExactly() {
        Gen<String> text = Gens.anyText(30).map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        Props.forAll(40, (r, size) -> {
            List<ProvisionRequest.DerEntry> ders = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                ders.add(new ProvisionRequest.DerEntry(text.next(r, size), text.next(r, size)));
            }
            return new ProvisionRequest(text.next(r, size), text.next(r, size), text.next(r, size), text.next(r, size),
                    r.nextBoolean() ? null : text.next(r, size), r.nextBoolean() ? null : text.next(r, size),
                    r.nextBoolean() ? null : text.next(r, size), List.copyOf(ders));
        }, request -> {
            Outbox.Entry added = outbox.add(request, BASE);
            Outbox.Entry read = outbox.entry(added.id()).orElseThrow();
            // Blank labels are left out of the file (ProvisionRequest.toJson); they read back as absent.
            ProvisionRequest expected = new ProvisionRequest(request.gatewaySerial(), request.hardwareId(),
                    request.deviceType(), request.siteId(), blankToNull(request.name()),
                    blankToNull(request.manufacturer()), blankToNull(request.model()), request.ders());
            assertThat(read.request()).isEqualTo(expected);
            assertThat(read.state()).isEqualTo(Outbox.State.PENDING);
            ProvisionResult result = new ProvisionResult(false, "dev-" + request.hardwareId(), request.hardwareId(),
                    request.siteId(), "pending", List.of());
            outbox.markSending(added.id());
            outbox.markSent(added.id(), result);
            assertThat(outbox.entry(added.id()).orElseThrow().result()).isEqualTo(Optional.of(result));
        });
    }

    static final Pattern JWT = Pattern.compile(
            "[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    /** A reason kept in an entry (shown in the UI, written to disk) is short, one line, and never holds a token. */
    @Test
    void reasonsAreShortSingleLinesWithoutTokens() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGl0eV9pZCI6ImlkdC0xIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        Gen<String> reasons = (r, size) -> {
            String base = Gens.anyText(300).next(r, size);
            int at = r.nextInt(base.length() + 1);
            return r.nextBoolean() ? base.substring(0, at) + (r.nextBoolean() ? "Bearer " : " ") + jwt + base.substring(at)
                    : base;
        };
        Props.forAllStrings(2000, reasons, reason -> {
            String clean = Outbox.clean(reason);
            assertThat(clean).isNotBlank().doesNotContain("\n", "\r");
            assertThat(clean.length()).isLessThanOrEqualTo(200);
            assertThat(JWT.matcher(clean).find()).as("a token-shaped text is left").isFalse();
        });
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

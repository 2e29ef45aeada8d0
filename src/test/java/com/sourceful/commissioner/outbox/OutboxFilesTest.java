package com.sourceful.commissioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;
import com.sourceful.commissioner.testsupport.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files an earlier version wrote are read the same by this one: an outbox outlives an update of the app. */
class OutboxFilesTest {

    /** Written by the app before requests and results had their own codec, as they were on disk (1.x, format 1). */
    static final String PENDING = "obx-55e2e1dd-7266-465a-8ac8-82eab7b4fd73";
    static final String SENT = "obx-e764462c-de47-405e-94bd-4ae4a639abd5";
    static final Instant WRITTEN = Instant.parse("2026-06-21T10:00:00Z");

    @TempDir
    Path dir;

    private void copy(String id) throws IOException {
        String file = "written-by-1.x/" + id + ".json";
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(file))) {
            Files.copy(in, dir.resolve(id + ".json"));
        }
    }

    @Test
    void entriesWrittenByTheEarlierVersionReadAsTheyWereWritten() throws Exception {
        copy(PENDING);
        copy(SENT);
        Outbox outbox = new Outbox(dir, new TestClock(WRITTEN.plusSeconds(60)));

        Outbox.Entry pending = outbox.entry(PENDING).orElseThrow();
        assertThat(pending).isEqualTo(new Outbox.Entry(PENDING, WRITTEN, Outbox.State.PENDING, 1,
                Optional.of(WRITTEN), Optional.of("Novacore not reachable"),
                new ProvisionRequest("zap-04772a97", "SG1A2B3C4D", "inverter", "sit-7f3a21", "Sungrow SH10RT",
                        "Sungrow", "SH10RT", List.of(new ProvisionRequest.DerEntry("pv-array", "solar"),
                                new ProvisionRequest.DerEntry("battery_1", "battery"))),
                "http://127.0.0.1:8089", Optional.empty()));

        Outbox.Entry sent = outbox.entry(SENT).orElseThrow();
        assertThat(sent).isEqualTo(new Outbox.Entry(SENT, WRITTEN, Outbox.State.SENT, 1, Optional.of(WRITTEN),
                Optional.empty(),
                new ProvisionRequest("zap-04772a97", "P1AABBCCDD", "meter", "sit-7f3a21", null, null, null,
                        List.of(new ProvisionRequest.DerEntry("meter", "meter"))),
                "http://127.0.0.1:8089/",
                Optional.of(new ProvisionResult(false, "dev-42a7", "P1AABBCCDD", "sit-7f3a21", "active",
                        List.of(new ProvisionResult.ProvisionedDer("der-9", "meter", "meter"))))));
        assertThat(outbox.entries()).extracting(Outbox.Entry::id).containsExactlyInAnyOrder(PENDING, SENT);
    }

    /** An entry the earlier version wrote is written back by this one to the same text (nothing renamed or lost). */
    @Test
    void anEarlierEntryMarkedAgainKeepsItsShape() throws Exception {
        copy(PENDING);
        String before = Files.readString(dir.resolve(PENDING + ".json"));
        Outbox outbox = new Outbox(dir, new TestClock(WRITTEN));

        outbox.markAttempt(PENDING, "Novacore not reachable");

        assertThat(Files.readString(dir.resolve(PENDING + ".json")))
                .isEqualTo(before.replace("\"attempts\": 1", "\"attempts\": 2"));
        assertThat(URI.create(outbox.entry(PENDING).orElseThrow().novacoreBase())).hasPort(8089);
    }

    /**
     * Every field of a request and of a result, each set to a value of its own, survives the outbox: a field added to
     * either record later is filled here by itself, and the test fails if the codec forgets it on either side.
     */
    @Test
    void everyFieldOfAFullRequestAndResultSurvivesStoreAndReplay() throws Exception {
        ProvisionRequest request = populated(ProvisionRequest.class, "request");
        ProvisionResult result = populated(ProvisionResult.class, "result");
        Outbox outbox = new Outbox(dir, new TestClock(WRITTEN));
        Outbox.Entry added = outbox.add(request, URI.create("http://127.0.0.1:8089"));
        outbox.markSending(added.id());
        outbox.markSent(added.id(), result);

        Outbox.Entry replayed = new Outbox(dir, new TestClock(WRITTEN)).entry(added.id()).orElseThrow();

        assertThat(replayed.request()).isEqualTo(request);
        assertThat(replayed.result()).contains(result);
    }

    /** A record with every component set: texts to "<where>.<name>", booleans to false, lists to two elements. */
    static <T> T populated(Class<T> type, String where) throws ReflectiveOperationException {
        RecordComponent[] parts = type.getRecordComponents();
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = value(parts[i].getType(), parts[i].getGenericType(), where + "." + parts[i].getName());
        }
        Class<?>[] types = Arrays.stream(parts).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Class<?> type, Type generic, String where) throws ReflectiveOperationException {
        if (type == String.class) {
            return where;
        }
        if (type == boolean.class) {
            return false; // the default a missing field reads as is true
        }
        if (type == List.class && generic instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return List.of(populated(c, where + "[0]"), populated(c, where + "[1]"));
        }
        throw new AssertionError(where + ": a " + generic + " is new here; teach this test how to fill one");
    }
}

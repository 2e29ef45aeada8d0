package com.sourceful.commissioner.outbox;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sourceful.commissioner.discovery.RecentZaps;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.http.Json;
import com.sourceful.commissioner.novacore.NovacoreEnvironment;
import com.sourceful.commissioner.novacore.ProvisionRequest;
import com.sourceful.commissioner.novacore.ProvisionResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning requests that could not be sent yet: one JSON file per request ({@code <id>.json}) in a folder,
 * written atomically (see {@link AtomicFiles}). The token is never stored. An entry left {@code SENDING} by a crash
 * reads as {@code PENDING}: it is sent again, which Novacore answers with 200 {@code created:false}. Blocking file
 * I/O: call it from a background thread.
 */
public final class Outbox {

    public enum State { PENDING, SENDING, SENT, FAILED }

    /** @param lastError a short reason for FAILED or for the last failed attempt of a PENDING entry (never a token) */
    public record Entry(String id, Instant created, State state, int attempts, Optional<Instant> lastAttempt,
                        Optional<String> lastError, ProvisionRequest request, String novacoreBase,
                        Optional<ProvisionResult> result) {
    }

    /** An outbox file that is not used: not written by this app, or not safe to read; never sent. */
    public record Skipped(String file, String reason) {
    }

    /** What the folder holds: the entries (newest first) and the files that were left alone. */
    public record Listing(List<Entry> entries, List<Skipped> skipped) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Pattern ID = Pattern.compile("obx-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern JWT_LIKE = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final int MAX_REASON = 200;
    /** Far above any entry this app writes (a few KiB); a bigger file is not read at all. */
    static final long MAX_ENTRY_BYTES = 256 * 1024;
    /** The fields this app writes; a file with any other is not its own. */
    private static final Set<String> FIELDS = Set.of("version", "id", "created", "state", "attempts", "lastAttempt",
            "lastError", "novacoreBase", "request", "result");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path folder;
    private final Clock clock;
    private final AtomicFiles.BeforeMove beforeMove;
    private final FolderSync folderSync;
    /** Entries this instance marked SENDING and has not settled yet; any other SENDING entry was left by a crash. */
    private final Set<String> inFlight = new HashSet<>();
    /** One sender at a time per outbox, however many {@link OutboxSender}s are made. */
    final Object sendLock = new Object();

    public Outbox(Path folder, Clock clock) {
        this(folder, clock, AtomicFiles.BeforeMove.NONE);
    }

    Outbox(Path folder, Clock clock, AtomicFiles.BeforeMove beforeMove) {
        this(folder, clock, beforeMove, Outbox::forceFolder);
    }

    Outbox(Path folder, Clock clock, AtomicFiles.BeforeMove beforeMove, FolderSync folderSync) {
        this.folder = folder;
        this.clock = clock;
        this.beforeMove = beforeMove;
        this.folderSync = folderSync;
        cleanTempFiles();
    }

    /** Next to {@link RecentZaps#defaultFile()}: {@code <settings>/outbox}. */
    public static Path defaultFolder() {
        return RecentZaps.defaultFile().getParent().resolve("outbox");
    }

    public Path folder() {
        return folder;
    }

    /** Saves a request to send later (state PENDING); returns the entry. The token is never stored. */
    public synchronized Entry add(ProvisionRequest request, URI novacoreBase) throws IOException {
        Entry e = new Entry("obx-" + UUID.randomUUID(), clock.instant(), State.PENDING, 0, Optional.empty(),
                Optional.empty(), request, novacoreBase.toString(), Optional.empty());
        write(e);
        return e;
    }

    /** Newest first; files that are not valid entries are skipped (logged), never thrown. */
    public synchronized List<Entry> entries() {
        return load().entries();
    }

    /**
     * The entries, newest first, and the files skipped with the reason: corrupt, not written by this app, an address
     * no Novacore environment may have, or not safe to read (not a regular file: a link, a FIFO, a device; too big;
     * unreadable). Never blocks on such a file, never reads one whole, never throws.
     */
    public synchronized Listing load() {
        List<Entry> out = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "obx-*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                if (ID.matcher(id).matches()) {
                    Read r = read(f, id);
                    if (r.entry() != null) {
                        out.add(r.entry());
                    } else if (r.problem() != null) {
                        skipped.add(new Skipped(name, r.problem()));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return new Listing(List.of(), List.of());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not list the outbox {}: {}", folder, e.toString());
        }
        out.sort(Comparator.comparing(Entry::created).thenComparing(Entry::id).reversed());
        skipped.sort(Comparator.comparing(Skipped::file));
        return new Listing(List.copyOf(out), List.copyOf(skipped));
    }

    /**
     * Whether an entry recorded for {@code recorded} belongs to the Novacore the technician is signed in to now
     * ({@code signedIn}): the same scheme, host, port and path, so a token only ever goes where it was issued for.
     */
    public static boolean sameBase(String recorded, URI signedIn) {
        try {
            URI a = URI.create(recorded);
            return a.getScheme() != null && signedIn.getScheme() != null && a.getHost() != null
                    && signedIn.getHost() != null
                    && a.getScheme().equalsIgnoreCase(signedIn.getScheme())
                    && a.getHost().equalsIgnoreCase(signedIn.getHost())
                    && port(a) == port(signedIn)
                    && path(a).equals(path(signedIn))
                    && a.getRawUserInfo() == null && signedIn.getRawUserInfo() == null
                    && a.getRawQuery() == null && signedIn.getRawQuery() == null
                    && a.getRawFragment() == null && signedIn.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String path(URI u) {
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    public synchronized Optional<Entry> entry(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(read(file(id), id).entry());
    }

    public synchronized void markSent(String id, ProvisionResult result) throws IOException {
        Entry e = existing(id);
        inFlight.remove(id);
        write(new Entry(id, e.created(), State.SENT, e.attempts() + 1, Optional.of(clock.instant()), Optional.empty(),
                e.request(), e.novacoreBase(), Optional.of(result)));
    }

    /** Permanent (4xx other than 401/429). A SENT entry stays SENT. */
    public synchronized void markFailed(String id, String reason) throws IOException {
        Entry e = existing(id);
        inFlight.remove(id);
        if (e.state() == State.SENT) {
            LOG.warn("Outbox entry {} is already sent; not marking it failed", id);
            return;
        }
        write(new Entry(id, e.created(), State.FAILED, e.attempts() + 1, Optional.of(clock.instant()),
                Optional.of(clean(reason)), e.request(), e.novacoreBase(), e.result()));
    }

    /** Transient failure: stays PENDING (a SENT or FAILED entry keeps its state). */
    public synchronized void markAttempt(String id, String reason) throws IOException {
        Entry e = existing(id);
        inFlight.remove(id);
        if (e.state() == State.SENT || e.state() == State.FAILED) {
            LOG.warn("Outbox entry {} is already {}; not recording an attempt", id, e.state());
            return;
        }
        write(new Entry(id, e.created(), State.PENDING, e.attempts() + 1, Optional.of(clock.instant()),
                Optional.of(clean(reason)), e.request(), e.novacoreBase(), e.result()));
    }

    // ---- for the sender -------------------------------------------------------------------------------------

    /** About to send: SENDING on disk, so a crash from here on is seen (and resent) on the next start. */
    synchronized void markSending(String id) throws IOException {
        Entry e = existing(id);
        write(new Entry(id, e.created(), State.SENDING, e.attempts(), e.lastAttempt(), e.lastError(), e.request(),
                e.novacoreBase(), e.result()));
        inFlight.add(id);
    }

    /** Back to PENDING without counting an attempt (nothing reached Novacore, e.g. the token was refused). */
    synchronized void release(String id, String reason) throws IOException {
        Entry e = existing(id);
        inFlight.remove(id);
        if (e.state() != State.PENDING && e.state() != State.SENDING) {
            return;
        }
        write(new Entry(id, e.created(), State.PENDING, e.attempts(), e.lastAttempt(),
                Optional.of(clean(reason)), e.request(), e.novacoreBase(), e.result()));
    }

    /** Forgets that this instance is sending an entry (it then reads as PENDING) after a write failed. */
    synchronized void forget(String id) {
        inFlight.remove(id);
    }

    // ---- files ----------------------------------------------------------------------------------------------

    /** Makes a folder's entries (a new sub-folder's name) durable. */
    @FunctionalInterface
    interface FolderSync {
        void sync(Path folder);
    }

    /** fsync of a directory where the OS allows opening one; Windows does not (nothing to do there). */
    private static void forceFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not sync the folder {}: {}", folder, e.toString());
        }
    }

    private Path file(String id) {
        return folder.resolve(id + ".json");
    }

    private Entry existing(String id) throws IOException {
        return entry(id).orElseThrow(() -> new NoSuchFileException(String.valueOf(id), null,
                "no readable outbox entry with this id"));
    }

    /** A crash leaves at most a {@code *.tmp} file; the entry itself is whole (old or new), so the temp goes. */
    private void cleanTempFiles() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.tmp")) {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                    LOG.info("Removed {} left by an interrupted write", f.getFileName());
                } catch (IOException e) {
                    LOG.warn("Could not remove {}: {}", f, e.toString());
                }
            }
        } catch (NoSuchFileException e) {
            // No outbox yet.
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not clean the outbox {}: {}", folder, e.toString());
        }
    }

    private void write(Entry e) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            // The new folder's name lives in its parent: without this, a power cut could lose the folder and so
            // every entry written into it.
            folderSync.sync(folder.toAbsolutePath().getParent());
        }
        AtomicFiles.write(file(e.id()), GSON.toJson(toJson(e)) + "\n", beforeMove);
    }

    /** An entry, or why a file is not one ({@code problem}); both null when the file is gone. */
    private record Read(Entry entry, String problem) {
    }

    private Read read(Path f, String id) {
        String text;
        try {
            text = readBounded(f);
        } catch (NoSuchFileException e) {
            return new Read(null, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping outbox file {}: {}", f.getFileName(), e.getMessage());
            return new Read(null, e instanceof AtomicFiles.RefusedFileException refused ? refusal(refused)
                    : "could not be read");
        }
        try {
            Entry e = parse(text, id);
            if (e.state() == State.SENDING && !inFlight.contains(id)) {
                // Left by a crash mid-send: send again (Novacore's idempotency makes that safe).
                e = new Entry(e.id(), e.created(), State.PENDING, e.attempts(), e.lastAttempt(), e.lastError(),
                        e.request(), e.novacoreBase(), e.result());
            }
            return new Read(e, null);
        } catch (RuntimeException | StackOverflowError bad) {
            // StackOverflowError: JSON nested deep enough to exhaust the parser's stack is not this app's either.
            String why = bad instanceof StackOverflowError ? "nested too deeply" : bad.getMessage();
            LOG.warn("Skipping outbox file {}: not an entry of this app: {}", f.getFileName(), why);
            return new Read(null, "not an entry of this app: " + clean(why));
        }
    }

    /** The file's text if it is a regular file (not a link, FIFO or device: checked without opening it) and small. */
    private static String readBounded(Path f) throws IOException {
        return new String(AtomicFiles.readSmallRegularFile(f, (int) MAX_ENTRY_BYTES, LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8);
    }

    /** Why a file the outbox will not read was refused, fit to show (the exception's message names the path). */
    private static String refusal(AtomicFiles.RefusedFileException e) {
        return switch (e.reason()) {
            case LINK -> "a link, not a file";
            case NOT_A_REGULAR_FILE -> "not a regular file";
            case TOO_LARGE -> "too big (over " + MAX_ENTRY_BYTES + " bytes)";
        };
    }

    /**
     * An entry file's text as the entry; any RuntimeException means the file is corrupt (the caller skips it).
     * Pure: no file access, no state.
     */
    static Entry parse(String text, String id) {
        Entry e = fromJson(JsonParser.parseString(text).getAsJsonObject());
        if (!e.id().equals(id)) {
            throw new IllegalArgumentException("the id inside does not match the file name");
        }
        return e;
    }

    /**
     * A recorded address as this app writes it: one a Novacore environment can have (https, or http to loopback;
     * a valid host and port; no user, query or fragment); anything else was planted or damaged and is never used.
     */
    static String checkRecordedBase(String base) {
        URI uri = NovacoreEnvironment.checkBaseUri(base);
        if (!uri.toString().equals(base) || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("an address no Novacore environment has");
        }
        return base;
    }

    /** A short reason, never a token: anything shaped like a JWT is blanked out. */
    static String clean(String reason) {
        String r = reason == null || reason.isBlank() ? "unknown" : reason.strip();
        r = JWT_LIKE.matcher(r).replaceAll("[redacted]").replaceAll("\\s+", " ");
        return r.length() > MAX_REASON ? r.substring(0, MAX_REASON - 1) + "…" : r;
    }

    // ---- JSON -----------------------------------------------------------------------------------------------

    private static JsonObject toJson(Entry e) {
        JsonObject o = new JsonObject();
        o.addProperty("version", 1);
        o.addProperty("id", e.id());
        o.addProperty("created", e.created().toString());
        o.addProperty("state", e.state().name());
        o.addProperty("attempts", e.attempts());
        e.lastAttempt().ifPresent(t -> o.addProperty("lastAttempt", t.toString()));
        e.lastError().ifPresent(r -> o.addProperty("lastError", r));
        o.addProperty("novacoreBase", e.novacoreBase());
        o.add("request", e.request().toJson());
        e.result().ifPresent(r -> o.add("result", r.toJson()));
        return o;
    }

    private static Entry fromJson(JsonObject o) {
        for (Map.Entry<String, JsonElement> field : o.entrySet()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new IllegalArgumentException("unknown field '" + field.getKey() + "'");
            }
        }
        if (!o.has("version") || !o.get("version").isJsonPrimitive() || o.get("version").getAsInt() != 1) {
            throw new IllegalArgumentException("not version 1");
        }
        State state = State.valueOf(Json.string(o, "state"));
        int attempts = o.has("attempts") ? o.get("attempts").getAsInt() : 0;
        String base = checkRecordedBase(Json.string(o, "novacoreBase"));
        return new Entry(Json.string(o, "id"), Instant.parse(Json.string(o, "created")), state, attempts,
                Json.optString(o, "lastAttempt").map(Instant::parse), Json.optString(o, "lastError"),
                ProvisionRequest.fromJson(Json.object(o, "request")), base,
                Json.optObject(o, "result").map(ProvisionResult::fromJson));
    }
}

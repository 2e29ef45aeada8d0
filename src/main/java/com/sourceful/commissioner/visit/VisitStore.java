package com.sourceful.commissioner.visit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.sourceful.commissioner.commissioning.CommissioningSession;
import com.sourceful.commissioner.discovery.RecentZaps;
import com.sourceful.commissioner.files.AtomicFiles;
import com.sourceful.commissioner.files.PrivateFolders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved visits: one file per visit ({@code <id>.json}, see {@link VisitFile}) in a private folder
 * ({@code <settings folder>/visits}), each written atomically ({@link AtomicFiles}: a crash leaves the old file or the
 * new one). At most {@link #KEPT} finished visits are kept (the oldest go); an unfinished one is never removed. A file
 * that does not read (damaged, from a newer app, not a regular file, too big) is renamed {@code <name>.corrupt}, kept
 * for support, and skipped.
 * <p>
 * Blocking file I/O: call it from a background thread. One writer at a time is expected (the app's one session); the
 * methods are synchronized so that a save from a background thread and a read from another never interleave.
 */
public final class VisitStore {

    /** Finished visits kept: a technician's last weeks of work, for the next visit's comparison and the history. */
    public static final int KEPT = 30;
    static final String SUFFIX = ".json";
    static final String CORRUPT_SUFFIX = ".corrupt";
    /** An exported visit's file name ends so: a visit file, and still JSON to any editor. */
    public static final String EXPORT_SUFFIX = ".zapvisit.json";
    private static final DateTimeFormatter EXPORT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT);
    /** Runs of anything but letters and digits become one dash in a file name. */
    private static final Pattern NOT_NAME = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int EXPORT_NAME_MAX = 40;

    private static final Logger LOG = LoggerFactory.getLogger(VisitStore.class);
    /** A save takes milliseconds to a second; a temp file older than this is a crash's, not a save under way. */
    private static final Duration TEMP_IN_FLIGHT = Duration.ofMinutes(1);

    private final Path folder;
    private final AtomicFiles.BeforeMove beforeMove;

    /** Next to the outbox: {@code <settings>/visits}. */
    public static Path defaultFolder() {
        return RecentZaps.defaultFile().getParent().resolve("visits");
    }

    /** The store in {@code folder}, made (readable by the user only) if missing. */
    public VisitStore(Path folder) throws IOException {
        this(folder, AtomicFiles.BeforeMove.NONE);
    }

    VisitStore(Path folder, AtomicFiles.BeforeMove beforeMove) throws IOException {
        this.folder = folder;
        this.beforeMove = beforeMove;
        PrivateFolders.create(folder);
        cleanTempFiles();
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes the visit over its earlier save (atomically), then keeps at most {@link #KEPT} finished visits. A visit
     * the file could not hold faithfully (a field {@link VisitFile#read} would refuse) is not written: the earlier save
     * stays, and the IOException names the field.
     *
     * @throws IllegalArgumentException the id is not a visit id (a UUID)
     */
    public synchronized void save(SiteVisit visit) throws IOException {
        Path file = file(visit.id());
        String text = VisitFile.write(visit);
        try {
            VisitFile.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (VisitFileException e) {
            throw new IOException("the visit could not be saved as it is: " + e.getMessage(), e);
        }
        PrivateFolders.create(folder);
        AtomicFiles.write(file, text, beforeMove);
        prune();
    }

    /** The newest (last saved) unfinished visit that reads, if any. */
    public synchronized Optional<SiteVisit> unfinished() throws IOException {
        return load().stream().filter(v -> !v.finished()).findFirst();
    }

    /**
     * Marks the visit finished (it is then no longer offered for resuming) and keeps at most {@link #KEPT} finished.
     *
     * @throws NoSuchFileException no readable visit with this id
     */
    public synchronized void finish(String id) throws IOException {
        Path file = file(id);
        SiteVisit visit = readOrQuarantine(file).orElseThrow(() -> new NoSuchFileException(String.valueOf(file),
                null, "no readable visit with this id"));
        if (!visit.finished()) {
            AtomicFiles.write(file, VisitFile.write(new SiteVisit(visit.id(), visit.startedAt(), visit.savedAt(), true,
                    visit.session())), beforeMove);
        }
        prune();
    }

    /**
     * A visit file from elsewhere (a colleague's export) stored as a new unfinished visit: checked as untrusted input
     * ({@link VisitFile#read}, and a session that could be resumed: no device listed twice, the current device one of
     * them), then saved under a new id, never over a visit of this store; its save time is {@code now}. A file that
     * does not pass writes nothing.
     *
     * @return the visit as stored (its new id, unfinished)
     * @throws VisitFileException the file is not a visit this app can open; the message names the field's path
     */
    public synchronized SiteVisit importVisit(byte[] bytes, Instant now) throws VisitFileException, IOException {
        SiteVisit read = VisitFile.read(bytes);
        checkResumable(read.session());
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (id.equals(read.id()) || Files.exists(file(id), LinkOption.NOFOLLOW_LINKS));
        SiteVisit imported = new SiteVisit(id, read.startedAt(), now, false, read.session());
        save(imported);
        return imported;
    }

    /** {@link #importVisit(byte[], Instant)} saved now. */
    public SiteVisit importVisit(byte[] bytes) throws VisitFileException, IOException {
        return importVisit(bytes, Instant.now());
    }

    /**
     * {@link #importVisit(byte[], Instant)} of the file at {@code file}, read only up to {@link
     * VisitFile#MAX_FILE_BYTES}: a bigger one, or a folder, is refused as not a visit file before it is read whole.
     *
     * @throws IOException the file cannot be read (gone, no permission)
     */
    public SiteVisit importVisit(Path file, Instant now) throws VisitFileException, IOException {
        byte[] bytes;
        try {
            bytes = AtomicFiles.readSmallRegularFile(file, VisitFile.MAX_FILE_BYTES);
        } catch (AtomicFiles.RefusedFileException e) {
            throw new VisitFileException(switch (e.reason()) {
                case TOO_LARGE -> "larger than " + VisitFile.MAX_FILE_BYTES + " bytes";
                case LINK, NOT_A_REGULAR_FILE -> "not a visit file: not a regular file";
            });
        }
        return importVisit(bytes, now);
    }

    /**
     * Writes the saved visit {@code id} to {@code target} (atomically) as {@link VisitFile} writes it, for another
     * laptop to import; no secrets are in it.
     *
     * @return {@code target}
     * @throws NoSuchFileException no readable visit with this id
     */
    public synchronized Path export(String id, Path target) throws IOException {
        Path file = file(id);
        SiteVisit visit = readOrQuarantine(file).orElseThrow(() -> new NoSuchFileException(String.valueOf(file),
                null, "no readable visit with this id"));
        return exportTo(visit, target);
    }

    /**
     * Writes {@code visit} to {@code target} (atomically; any folder) as {@link VisitFile} writes it: exactly what an
     * import reads back. A visit the file could not hold faithfully is not written (as {@link #save}).
     *
     * @return {@code target}
     */
    public static Path exportTo(SiteVisit visit, Path target) throws IOException {
        String text = VisitFile.write(visit);
        try {
            VisitFile.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (VisitFileException e) {
            throw new IOException("the visit could not be exported as it is: " + e.getMessage(), e);
        }
        AtomicFiles.write(target, text);
        return target;
    }

    /**
     * The name offered for an export: {@code visit-<site, else the first Zap's serial>-<yyyyMMdd-HHmm>.zapvisit.json},
     * the name cut to letters, digits and dashes, at its save time in {@code zone}.
     */
    public static String exportName(SiteVisit visit, ZoneId zone) {
        String site = NOT_NAME.matcher(VisitProgress.summary(visit.session()).site()).replaceAll("-")
                .replaceAll("^-|-$", "");
        if (site.length() > EXPORT_NAME_MAX) {
            site = site.substring(0, EXPORT_NAME_MAX).replaceAll("-$", "");
        }
        return "visit-" + (site.isEmpty() ? "" : site + "-") + EXPORT_TIME.format(visit.savedAt().atZone(zone))
                + EXPORT_SUFFIX;
    }

    /** What {@code CommissioningSession.resumeFrom} would refuse, refused here, before anything is written. */
    private static void checkResumable(CommissioningSession.Snapshot session) throws VisitFileException {
        Set<String> devices = new HashSet<>();
        for (int i = 0; i < session.visits().size(); i++) {
            CommissioningSession.DeviceVisit v = session.visits().get(i);
            if (!devices.add(v.gatewaySerial() + "/" + v.device().sn())) {
                throw new VisitFileException("session.visits[" + i + "]: the same device as an earlier one");
            }
        }
        if (session.currentDevice().isPresent() && !devices.contains(session.currentDevice().get())) {
            throw new VisitFileException("session.current_device: not one of the devices in session.visits");
        }
    }

    /** Every visit that reads, finished or not, newest (last saved) first. */
    public synchronized List<SiteVisit> history() throws IOException {
        return load();
    }

    private Path file(String id) {
        if (!VisitFile.isVisitId(id)) {
            // Only a UUID becomes a file name: nothing else can name a file outside the folder.
            throw new IllegalArgumentException("not a visit id (a UUID)");
        }
        return folder.resolve(id + SUFFIX);
    }

    /** The visits that read, newest first; the files that do not are quarantined. */
    private List<SiteVisit> load() throws IOException {
        List<SiteVisit> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (VisitFile.isVisitId(name.substring(0, name.length() - SUFFIX.length()))) {
                    readOrQuarantine(f).ifPresent(out::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(SiteVisit::savedAt).thenComparing(SiteVisit::id).reversed());
        return out;
    }

    /** After a save: the oldest finished visits beyond {@link #KEPT} go; unfinished ones always stay. */
    private void prune() throws IOException {
        List<SiteVisit> finished = load().stream().filter(SiteVisit::finished).toList();
        for (SiteVisit old : finished.subList(Math.min(KEPT, finished.size()), finished.size())) {
            Files.deleteIfExists(file(old.id()));
            LOG.info("Removed the finished visit {} (more than {} kept)", old.id(), KEPT);
        }
    }

    /** The visit in {@code file}; empty when it is gone, or when it does not read (then renamed, not deleted). */
    private Optional<SiteVisit> readOrQuarantine(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = AtomicFiles.readSmallRegularFile(file, VisitFile.MAX_FILE_BYTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AtomicFiles.RefusedFileException e) {
            quarantine(file, switch (e.reason()) {
                case LINK -> "a link, not a file";
                case NOT_A_REGULAR_FILE -> "not a regular file";
                case TOO_LARGE -> "larger than " + VisitFile.MAX_FILE_BYTES + " bytes";
            });
            return Optional.empty();
        }
        try {
            SiteVisit visit = VisitFile.read(bytes);
            String name = file.getFileName().toString();
            if (!name.equals(visit.id() + SUFFIX)) {
                quarantine(file, "the id inside is not the file's");
                return Optional.empty();
            }
            return Optional.of(visit);
        } catch (VisitFileException e) {
            quarantine(file, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Renames the file {@code <name>.corrupt}: out of the way, kept for support. The log gives the reason (a field's
     * path), never the content. A rename that fails leaves the file where it is, skipped again next time.
     */
    private void quarantine(Path file, String why) {
        Path corrupt = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
        try {
            Files.move(file, corrupt, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("The visit file {} does not read ({}); kept as {}", file.getFileName(), why,
                    corrupt.getFileName());
        } catch (IOException e) {
            LOG.warn("The visit file {} does not read ({}) and could not be renamed: {}", file.getFileName(), why,
                    e.toString());
        }
    }

    /**
     * A crash during a save leaves at most a {@code *.tmp} file; the visit itself is whole, so the temp goes. One
     * younger than {@link #TEMP_IN_FLIGHT} may be a save under way by another store of the same folder (a reader made
     * while the app saves): it stays, for a later start.
     */
    private void cleanTempFiles() {
        Instant inFlightSince = Instant.now().minus(TEMP_IN_FLIGHT);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(inFlightSince)) {
                        continue;
                    }
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.warn("Could not remove {}: {}", f.getFileName(), e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not clean the visits folder: {}", e.toString());
        }
    }
}

package com.sourceful.commissioner.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Folders only their user may read: the app's settings folder and its log folder (see AppLog.defaultFile). */
public final class PrivateFolders {

    public static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFolders() {
    }

    /**
     * The folder and the ones missing above it, made readable by the user only (0700) where the file system has
     * POSIX permissions; the folder itself, if made before (readable by all), is narrowed. Elsewhere (Windows) the
     * folder lies in the user's profile ({@code %APPDATA%}, {@code %LOCALAPPDATA%}), which only the user and
     * administrators may read.
     */
    public static void create(Path folder) throws IOException {
        if (!posix(folder)) {
            Files.createDirectories(folder);
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = folder.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
            } catch (FileAlreadyExistsException raced) {
                // Made meanwhile (another instance): the folder itself is narrowed below.
            }
        }
        Files.setPosixFilePermissions(folder, PRIVATE_FOLDER);
    }

    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

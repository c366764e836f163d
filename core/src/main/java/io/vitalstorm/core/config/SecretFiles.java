package io.vitalstorm.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one reader of secrets: a secret lives in a file readable by its owner only (mode 0600 or
 * stricter), never in a configuration value. Errors name the file and the key, never the content.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /** The file's content without surrounding white space; {@code key} names the setting in errors. */
    public static String read(String key, Path file) {
        requireOwnerOnly(key, file);
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + key + " " + file + ": " + e.getClass().getSimpleName());
        }
        if (secret.isEmpty()) {
            throw new IllegalStateException(key + " " + file + " is empty");
        }
        return secret;
    }

    /** Refuses a missing file or one that its group or others may read or write. */
    public static void requireOwnerOnly(String key, Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX permissions on this file system: nothing to check
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + key + " " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            throw new IllegalStateException(key + " " + file + " has mode " + PosixFilePermissions.toString(perms)
                    + ": a secret file must be readable by its owner only (chmod 600 " + file + ")");
        }
    }

    /** Writes a secret file with mode 0600 from the start (tests and the demo's throwaway credentials). */
    public static Path write(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return file;
    }
}

package io.vitalstorm.registrysync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A secret kept in a file that only its owner can read (mode 0600 or 0400): the configuration
 * names the file, never the secret. A file others could read is refused rather than used.
 */
public final class CredentialFile {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private CredentialFile() {
    }

    /** The file's content without surrounding white space. */
    public static String read(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new IllegalArgumentException("credential file " + file + " can be read by others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "): chmod 600 it");
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read credential file " + file + ": " + e, e);
        }
    }
}

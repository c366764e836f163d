package io.vitalstorm.maintenance;

import io.vitalstorm.core.json.Json;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one archive file (gzip, one JSON object per line, then encrypted when the protection
 * says so) to a temporary name next to its final place, owner-only (0600) from its creation, and
 * checksums the stored bytes as they are written. {@link #publish()} moves it into place
 * atomically, so a reader never sees half a file. An unencrypted rerun of the same data yields
 * the same bytes (Java's gzip header carries no time stamp) and therefore the same checksum.
 */
final class DayArchiveFile implements AutoCloseable {

    private static final FileAttribute<?> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path target;
    private final Path temp;
    private final ArchiveProtection.Checksums checksums;
    private final OutputStream out;
    private long lines;
    private boolean closed;

    DayArchiveFile(Path target, ArchiveProtection protection) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent(), OWNER_ONLY_DIR);
        this.temp = Files.createFile(
                target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"),
                OWNER_ONLY_FILE);
        this.checksums = protection.checksums();
        OutputStream stored = new ChecksummingStream(new BufferedOutputStream(
                Files.newOutputStream(temp, StandardOpenOption.WRITE)), checksums);
        this.out = new GZIPOutputStream(protection.encrypting(stored, target.getFileName().toString()), 64 * 1024);
    }

    void writeLine(Object json) throws IOException {
        out.write(Json.bytes(json));
        out.write('\n');
        lines++;
    }

    long lines() {
        return lines;
    }

    /** Finishes the file; returns its checksums (SHA-256, and HMAC when keyed) of the stored bytes. */
    ArchiveProtection.Checksums finish() throws IOException {
        closed = true;
        out.close();
        return checksums;
    }

    long bytes() throws IOException {
        return Files.size(temp);
    }

    /** Moves the finished file to its final name (replacing an earlier run's file of the same day). */
    Path publish() throws IOException {
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Drops the temporary file if it was not published. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            out.close();
        }
        Files.deleteIfExists(temp);
    }

    /** Feeds every stored byte to the checksums on its way to the file. */
    private static final class ChecksummingStream extends FilterOutputStream {
        private final ArchiveProtection.Checksums checksums;

        ChecksummingStream(OutputStream out, ArchiveProtection.Checksums checksums) {
            super(out);
            this.checksums = checksums;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checksums.update(b, off, len);
            out.write(b, off, len);
        }
    }
}

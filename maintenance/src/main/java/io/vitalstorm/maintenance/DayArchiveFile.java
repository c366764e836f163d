package io.vitalstorm.maintenance;

import io.vitalstorm.core.json.Json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one archive file (gzip, one JSON object per line) to a temporary name next to its final
 * place, hashing the compressed bytes as they are written. {@link #publish()} moves it into place
 * atomically, so a reader never sees half a file, and a rerun of the same data yields the same
 * bytes (Java's gzip header carries no time stamp) and therefore the same checksum.
 */
final class DayArchiveFile implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final MessageDigest sha256;
    private final OutputStream out;
    private long lines;
    private boolean closed;

    DayArchiveFile(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        this.out = new GZIPOutputStream(new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)), sha256), 64 * 1024);
    }

    void writeLine(Object json) throws IOException {
        out.write(Json.bytes(json));
        out.write('\n');
        lines++;
    }

    long lines() {
        return lines;
    }

    /** Finishes the file; returns its SHA-256 (hex) of the compressed bytes. */
    String finish() throws IOException {
        closed = true;
        out.close();
        return HexFormat.of().formatHex(sha256.digest());
    }

    long bytes() throws IOException {
        return Files.size(temp);
    }

    /** Moves the finished file to its final name (replacing an earlier run's identical file). */
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
}

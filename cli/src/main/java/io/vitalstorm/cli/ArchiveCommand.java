package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.maintenance.ArchiveProtection;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code vitalstorm archive list|verify|read|keygen}: the catalog of archived history days (newest
 * first, or the files holding a patient), checking files against their catalog entries, reading a
 * day back (decrypted), and making or rotating the archive keysets (docs/security.md#archives).
 */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "The archive of history days (docs/maintenance.md).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class ArchiveCommand {

    private final Streams io;

    private ArchiveCommand(Streams io) {
        this.io = io;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The archived days, newest first; with --patient, the archive files holding that patient.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int list(@Mixin ConfigOption config,
             @Option(names = "--patient", paramLabel = "P",
                     description = "only the files holding this patient") String patient,
             @Option(names = "--from", paramLabel = "YYYY-MM-DD", defaultValue = "2000-01-01",
                     description = "first day (default: ${DEFAULT-VALUE})") LocalDate from,
             @Option(names = "--to", paramLabel = "YYYY-MM-DD",
                     description = "last day (default: today, UTC)") LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        VitalStormSettings settings = config.settings();
        try (CqlSession session = CassandraSessions.open(settings)) {
            ArchiveCatalog catalog = new ArchiveCatalog(session, settings.cassandraKeyspace());
            if (patient != null) {
                for (ArchiveCatalog.PatientEntry e : catalog.forPatient(patient, from, last)) {
                    io.out().printf("%s  %s  %s  rows %d  sha256 %s  %s%n", e.day(), e.kind(), e.patientId(), e.rows(),
                            e.sha256(), e.location());
                }
            } else {
                for (ArchiveCatalog.Entry e : catalog.list(ArchiveCatalog.OBSERVATIONS, from, last)) {
                    io.out().printf("%s  %s  rows %d  patients %d  %s..%s  %d bytes  sha256 %s  %s  encryption %s%s"
                                    + "  (by %s at %s)%n", e.day(), e.kind(), e.rows(), e.patients().size(),
                                    e.from(), e.to(),
                            e.bytes(), e.sha256(), e.location(), e.encryption(),
                            e.hmac() == null ? "" : "  keyed checksum",
                            e.archivedBy(), e.archivedAt());
                }
            }
        }
        return ExitCodes.DONE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description =
                    "Checks each archived day's file against its catalog entry: size, SHA-256 and, with a checksum"
                    + " keyset, the keyed checksum; encrypted files are also read through to their end.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE,
                    "2:a file is missing or does not match its entry",
                ExitCodes.USAGE_LINE})
    int verify(@Mixin ConfigOption config,
               @Option(names = "--from", paramLabel = "YYYY-MM-DD", defaultValue = "2000-01-01",
                       description = "first day (default: ${DEFAULT-VALUE})") LocalDate from,
               @Option(names = "--to", paramLabel = "YYYY-MM-DD",
                       description = "last day (default: today, UTC)") LocalDate to)
            throws IOException {
        VitalStormSettings settings = config.settings();
        ArchiveProtection protection = ArchiveProtection.from(settings.archiveSecurity());
        int bad = 0;
        for (ArchiveCatalog.Entry e : entries(settings, from, to != null ? to : LocalDate.now(ZoneOffset.UTC))) {
            String problem = problem(e, protection);
            if (problem == null) {
                io.out().printf("%s  OK  %s%n", e.day(), e.location());
            } else {
                bad++;
                io.err().printf("%s  FAILED  %s: %s%n", e.day(), e.location(), problem);
            }
        }
        return bad == 0 ? ExitCodes.DONE : ExitCodes.INVALID;
    }

    /** Null when the file is the one the entry describes, otherwise what differs. */
    private static String problem(ArchiveCatalog.Entry e, ArchiveProtection protection) throws IOException {
        Path file = Path.of(e.location());
        if (!Files.isRegularFile(file)) {
            return "file missing";
        }
        if (Files.size(file) != e.bytes()) {
            return "size " + Files.size(file) + " bytes, the catalog says " + e.bytes();
        }
        if (e.hmac() != null && protection.signs() && !protection.verifyChecksum(file, e.hmac())) {
            return "keyed checksum does not match: the file was changed";
        }
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            if (ArchiveProtection.PLAIN.equals(e.encryption()) || !protection.encrypts()) {
                in.transferTo(OutputStream.nullOutputStream());
            } else {
                try (InputStream plain = protection.decrypting(in, file.getFileName().toString(), e.encryption())) {
                    plain.transferTo(OutputStream.nullOutputStream());
                } catch (IOException decrypt) {
                    return "does not decrypt: " + decrypt.getMessage();
                }
            }
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(e.sha256())) {
            return "SHA-256 does not match";
        }
        return null;
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Writes one archived day's readings (JSON lines) to stdout, decrypted and uncompressed.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int read(@Mixin ConfigOption config,
             @Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD",
                     description = "the archived day") LocalDate day)
            throws IOException {
        VitalStormSettings settings = config.settings();
        List<ArchiveCatalog.Entry> found = entries(settings, day, day);
        if (found.isEmpty()) {
            throw new IllegalStateException("no archive of " + day + " in the catalog");
        }
        ArchiveCatalog.Entry e = found.get(0);
        Path file = Path.of(e.location());
        ArchiveProtection protection = ArchiveProtection.from(settings.archiveSecurity());
        try (InputStream plain = new GZIPInputStream(protection.decrypting(Files.newInputStream(file),
                file.getFileName().toString(), e.encryption()))) {
            plain.transferTo(io.out());
        }
        io.out().flush();
        return ExitCodes.DONE;
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description =
                    "Writes a new archive keyset (Tink JSON, mode 0600), or with --rotate adds a new primary key to"
                    + " an existing one (older keys stay, so older archives stay readable).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int keygen(@Option(names = "--purpose", required = true, paramLabel = "encryption|checksum",
                       description = "encryption (streaming AEAD) or checksum (HMAC-SHA256)") String purpose,
               @Option(names = "--out", required = true, paramLabel = "FILE", description = "the keyset file") Path out,
               @Option(names = "--rotate", description = "add a new primary key to the existing FILE") boolean rotate)
            throws IOException, GeneralSecurityException {
        ArchiveProtection.Purpose p;
        try {
            p = ArchiveProtection.Purpose.of(purpose);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--purpose must be encryption or checksum, was '" + purpose + "'");
        }
        if (!rotate && Files.exists(out)) {
            throw new IllegalStateException(out + " exists: use --rotate to add a key to it");
        }
        String keyset = rotate ? ArchiveProtection.rotate(SecretFiles.read("--out", out), p)
                : ArchiveProtection.newKeyset(p);
        SecretFiles.write(out, keyset);
        io.out().printf("%s keyset %s %s%n", purpose, rotate ? "rotated:" : "written:", out);
        return ExitCodes.DONE;
    }

    private static List<ArchiveCatalog.Entry> entries(VitalStormSettings settings, LocalDate from, LocalDate to) {
        try (CqlSession session = CassandraSessions.open(settings)) {
            return new ArchiveCatalog(session, settings.cassandraKeyspace())
                    .list(ArchiveCatalog.OBSERVATIONS, from, to);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

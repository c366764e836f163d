package io.vitalstorm.maintenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.HistoryDayExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Retention and archive: a UTC day of history (the slot, see {@link ArchiveDays}) is exported to
 * {@code <dir>/<yyyy>/<MM>/observations-<day>.jsonl.gz} and entered in the catalog, long before
 * the retention TTL removes the rows. Which patients have rows that day comes from the
 * {@code history_days} index. Files are 0600, encrypted and given a keyed checksum as
 * {@link ArchiveProtection} is configured; the catalog entry records which.
 */
public final class HistoryArchiveJob implements MaintenanceJob {

    public static final String NAME = "archive";

    private final HistoryDayExport history;
    private final ArchiveCatalog catalog;
    private final Path dir;
    private final String archivedBy;
    private final Clock clock;
    private final ArchiveProtection protection;

    public HistoryArchiveJob(HistoryDayExport history, ArchiveCatalog catalog, Path dir, String archivedBy, Clock clock,
                             ArchiveProtection protection) {
        this.protection = protection;
        this.history = history;
        this.catalog = catalog;
        this.dir = dir;
        this.archivedBy = archivedBy;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
        LocalDate day = LocalDate.parse(slot);
        List<String> patients = history.patientsOn(day);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("day", slot);
        counts.put("patients", patients.size());
        if (patients.isEmpty()) {
            counts.put("rows", 0);
            return counts;
        }
        Path target = dir.resolve(String.format("%04d/%02d/", day.getYear(), day.getMonthValue()))
                .resolve(protection.fileName("observations-" + day + ".jsonl.gz"));
        List<ArchiveCatalog.PatientEntry> perPatient = new ArrayList<>();
        Instant[] range = new Instant[2];
        try (DayArchiveFile file = new DayArchiveFile(target, protection)) {
            for (String patientId : patients) {
                long before = file.lines();
                history.forEachRow(patientId, day, row -> write(file, row, range));
                perPatient.add(new ArchiveCatalog.PatientEntry(patientId, day, ArchiveCatalog.OBSERVATIONS,
                        target.toString(), file.lines() - before, null));
            }
            ArchiveProtection.Checksums sums = file.finish();
            String sha256 = sums.sha256Hex();
            long bytes = file.bytes();
            fence.ensureHeld();
            file.publish();
            fence.ensureHeld();
            catalog.record(new ArchiveCatalog.Entry(ArchiveCatalog.OBSERVATIONS, day, target.toString(),
                            new LinkedHashSet<>(patients), range[0], range[1], file.lines(), bytes, sha256,
                            clock.instant(), archivedBy,
                            sums.hmacHex(), protection.encryption()),
                    perPatient.stream().map(p -> new ArchiveCatalog.PatientEntry(p.patientId(), p.day(), p.kind(),
                            p.location(), p.rows(), sha256)).toList());
            counts.put("rows", file.lines());
            counts.put("bytes", bytes);
            counts.put("file", target);
        }
        return counts;
    }

    private static void write(DayArchiveFile file, ObjectNode row, Instant[] range) {
        try {
            file.writeLine(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant ts = Instant.parse(row.path("ts").asText());
        range[0] = range[0] == null || ts.isBefore(range[0]) ? ts : range[0];
        range[1] = range[1] == null || ts.isAfter(range[1]) ? ts : range[1];
    }
}

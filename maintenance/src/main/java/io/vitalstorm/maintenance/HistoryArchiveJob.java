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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Retention and archive: once a UTC day of history is {@code afterDays} old it is exported to
 * {@code <dir>/<yyyy>/<MM>/observations-<day>.jsonl.gz} and entered in the catalog, long before
 * the retention TTL removes the rows. The slot is the day itself, so each day is exported once;
 * days are taken from the {@code history_days} index within a window of {@code catchUpDays}.
 */
public final class HistoryArchiveJob implements MaintenanceJob {

    public static final String NAME = "archive";

    private final HistoryDayExport history;
    private final ArchiveCatalog catalog;
    private final Path dir;
    private final int afterDays;
    private final int catchUpDays;
    private final String archivedBy;
    private final Clock clock;

    public HistoryArchiveJob(HistoryDayExport history, ArchiveCatalog catalog, Path dir, int afterDays, int catchUpDays,
                             String archivedBy, Clock clock) {
        this.history = history;
        this.catalog = catalog;
        this.dir = dir;
        this.afterDays = afterDays;
        this.catchUpDays = catchUpDays;
        this.archivedBy = archivedBy;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Days from {@code afterDays + catchUpDays - 1} ago to {@code afterDays} ago, oldest first ({@code 2026-10-23}). */
    @Override
    public List<String> dueSlots(Instant now, Instant epoch) {
        LocalDate newest = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(afterDays);
        List<String> out = new ArrayList<>();
        for (LocalDate d = newest.minusDays(catchUpDays - 1L); !d.isAfter(newest); d = d.plusDays(1)) {
            out.add(d.toString());
        }
        return out;
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
        Path target = dir.resolve(String.format("%04d/%02d/observations-%s.jsonl.gz", day.getYear(), day.getMonthValue(), day));
        List<ArchiveCatalog.PatientEntry> perPatient = new ArrayList<>();
        Instant[] range = new Instant[2];
        try (DayArchiveFile file = new DayArchiveFile(target)) {
            for (String patientId : patients) {
                long before = file.lines();
                history.forEachRow(patientId, day, row -> write(file, row, range));
                perPatient.add(new ArchiveCatalog.PatientEntry(patientId, day, ArchiveCatalog.OBSERVATIONS,
                        target.toString(), file.lines() - before, null));
            }
            String sha256 = file.finish();
            long bytes = file.bytes();
            fence.ensureHeld();
            file.publish();
            fence.ensureHeld();
            catalog.record(new ArchiveCatalog.Entry(ArchiveCatalog.OBSERVATIONS, day, target.toString(),
                            new LinkedHashSet<>(patients), range[0], range[1], file.lines(), bytes, sha256, clock.instant(), archivedBy),
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

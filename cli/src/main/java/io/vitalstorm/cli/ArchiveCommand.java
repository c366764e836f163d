package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.CassandraSessions;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * {@code vitalstorm archive list [--patient P] [--from DATE] [--to DATE]}: the catalog of archived
 * history days (newest first), or, with {@code --patient}, the archive files holding that patient.
 */
final class ArchiveCommand {

    static final String USAGE = "archive list [--config vitalstorm.yaml] [--patient P] [--from YYYY-MM-DD] [--to YYYY-MM-DD]";

    private ArchiveCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length < 2 || !argv[1].equals("list")) {
            throw new Args.UsageException("expected: " + USAGE);
        }
        Args args = Args.parse(argv, 2, Set.of("--config", "--patient", "--from", "--to"), Set.of());
        LocalDate to = LocalDate.parse(args.option("--to", LocalDate.now(ZoneOffset.UTC).toString()));
        LocalDate from = LocalDate.parse(args.option("--from", "2000-01-01"));
        VitalStormSettings settings = ConfigFiles.settings(args.option("--config"));
        try (CqlSession session = CassandraSessions.open(settings)) {
            ArchiveCatalog catalog = new ArchiveCatalog(session, settings.cassandraKeyspace());
            String patient = args.option("--patient");
            if (patient != null) {
                for (ArchiveCatalog.PatientEntry e : catalog.forPatient(patient, from, to)) {
                    out.printf("%s  %s  %s  rows %d  sha256 %s  %s%n", e.day(), e.kind(), e.patientId(), e.rows(),
                            e.sha256(), e.location());
                }
            } else {
                for (ArchiveCatalog.Entry e : catalog.list(ArchiveCatalog.OBSERVATIONS, from, to)) {
                    out.printf("%s  %s  rows %d  patients %d  %s..%s  %d bytes  sha256 %s  %s  (by %s at %s)%n", e.day(),
                            e.kind(), e.rows(), e.patients().size(), e.from(), e.to(), e.bytes(), e.sha256(), e.location(),
                            e.archivedBy(), e.archivedAt());
                }
            }
        }
        return 0;
    }
}

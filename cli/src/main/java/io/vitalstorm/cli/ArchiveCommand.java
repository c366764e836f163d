package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code vitalstorm archive list [--patient P] [--from DATE] [--to DATE]}: the catalog of archived
 * history days (newest first), or, with {@code --patient}, the archive files holding that patient.
 */
@Command(name = "archive", mixinStandardHelpOptions = true, description = "The archive of history days (docs/maintenance.md).",
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
             @Option(names = "--patient", paramLabel = "P", description = "only the files holding this patient") String patient,
             @Option(names = "--from", paramLabel = "YYYY-MM-DD", defaultValue = "2000-01-01",
                     description = "first day (default: ${DEFAULT-VALUE})") LocalDate from,
             @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day (default: today, UTC)") LocalDate to) {
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
                    io.out().printf("%s  %s  rows %d  patients %d  %s..%s  %d bytes  sha256 %s  %s  (by %s at %s)%n", e.day(),
                            e.kind(), e.rows(), e.patients().size(), e.from(), e.to(), e.bytes(), e.sha256(), e.location(),
                            e.archivedBy(), e.archivedAt());
                }
            }
        }
        return ExitCodes.DONE;
    }
}

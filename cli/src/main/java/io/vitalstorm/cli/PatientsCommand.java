package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.json.PatientProfilesFile;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.registrysync.RegistrySqlSettings;
import io.vitalstorm.registrysync.RegistrySync;
import io.vitalstorm.registrysync.SyncReport;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryChange;
import io.vitalstorm.storage.cassandra.RegistrySyncState;
import io.vitalstorm.storage.redis.OpenAlertIndex;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vitalstorm patients load [--config vitalstorm.yaml] FILE.jsonl}: registers profiles in
 * Cassandra and drops their Redis cache entries. Invalid lines are reported and skipped; the
 * exit status is 2 if there were any. {@code patients sync}: one run of the SQL registry sync
 * (docs/registry-sync.md); {@code patients discharge}: releases beds.
 */
@Command(name = "patients", mixinStandardHelpOptions = true, description = "The patient registry.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.INVALID_LINE, ExitCodes.USAGE_LINE})
final class PatientsCommand {

    private final Streams io;

    private PatientsCommand(Streams io) {
        this.io = io;
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Register profiles in Cassandra and drop their Redis cache entries; invalid lines are listed"
                    + " on stderr and skipped.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:every line loaded", "2:some lines were invalid (listed on stderr, the rest loaded)",
                ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int load(@Mixin ConfigOption config,
             @Parameters(paramLabel = "PATIENTS.jsonl", description = "one profile per line (docs/cli.md)") Path file)
            throws Exception {
        VitalStormSettings settings = config.settings();
        PatientProfilesFile.Contents contents = PatientProfilesFile.read(file);
        contents.errors().forEach(io.err()::println);
        try (CqlSession session = CassandraSessions.open(settings); JedisPooled redis = RedisClients.open(settings)) {
            int loaded = load(new PatientDirectory(new ProfileCache(redis),
                    new PatientRegistry(session, settings.cassandraKeyspace())), contents);
            io.out().println("patients: loaded " + loaded + ", invalid " + contents.errors().size());
        }
        return contents.errors().isEmpty() ? ExitCodes.DONE : ExitCodes.INVALID;
    }

    /** Releases the beds: the next stale-state sweep clears these patients' live state written before now. */
    @Command(name = "discharge", mixinStandardHelpOptions = true,
            description =
                    "Release the beds: the next stale-state sweep clears these patients' live state "
                    + "(docs/maintenance.md).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int discharge(@Mixin ConfigOption config,
                  @Parameters(arity = "1..*", paramLabel = "P", description = "patient ids") List<String> patients) {
        VitalStormSettings settings = config.settings();
        try (CqlSession session = CassandraSessions.open(settings)) {
            Discharges discharges = new Discharges(session, settings.cassandraKeyspace());
            Instant now = Instant.now();
            patients.forEach(p -> discharges.discharge(p, now));
        }
        io.out().println("patients: discharged " + patients.size() + " (live state cleared by the next sweep)");
        return ExitCodes.DONE;
    }

    /**
     * The options of {@code patients sync}: each overrides a {@code vitalstorm.registry.sql.*} key of the config file.
     */
    static final class SyncOptions {
        @Option(names = "--jdbc", paramLabel = "URL", description = "the registry database") String url;
        @Option(names = "--user", paramLabel = "U", description = "its user") String user;
        @Option(names = "--password-file", paramLabel = "F",
                description = "a file holding its password") String passwordFile;
        @Option(names = "--query", paramLabel = "SQL", description = "the query returning the patients") String query;
        @Option(names = "--updated-column", paramLabel = "C",
                description = "the column of the last change (incremental sync)")
        String updatedColumn;
        @Option(names = "--full", description = "a full sync, whatever the config's updated column") boolean full;
        @Option(names = "--map", paramLabel = "field=column,...", description = "profile field to column")
        String map;
        @Option(names = "--identifier", paramLabel = "system=column,...", description = "identifier system to column")
        String identifier;
        @Option(names = "--name", paramLabel = "N", description = "the name of this source") String name;

        /** The config's keys with these options over them. */
        Map<String, Object> over(Map<String, Object> conf) {
            String p = RegistrySqlSettings.PREFIX;
            Map<String, String> given = new LinkedHashMap<>();
            given.put("url", url);
            given.put("user", user);
            given.put("password.file", passwordFile);
            given.put("query", query);
            given.put("updated.column", updatedColumn);
            given.put("name", name);
            given.forEach((key, value) -> {
                if (value != null) {
                    conf.put(p + key, value);
                }
            });
            if (full) {
                conf.remove(p + "updated.column");
            }
            pairs(map).forEach((field, column) -> conf.put(p + "column." + field, column));
            pairs(identifier).forEach((system, column) -> conf.put(p + "identifier." + system, column));
            return conf;
        }
    }

    /**
     * One run of the SQL registry sync, the same the maintenance leader runs on its schedule; the
     * options override the config file's {@code vitalstorm.registry.sql.*}. Exit status 2 when
     * something needs a person's eye (malformed rows, conflicts, held deletions).
     */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "One run of the SQL registry sync, the one the maintenance leader runs on its schedule"
                    + " (docs/registry-sync.md); the options override the config's vitalstorm.registry.sql.* keys.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE,
                    "2:something needs a person's eye: malformed rows, conflicts, held deletions",
                ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int sync(@Mixin ConfigOption config, @Mixin SyncOptions options) throws Exception {
        Map<String, Object> conf = options.over(config.conf());
        RegistrySqlSettings sql;
        try {
            sql = RegistrySqlSettings.fromMap(conf);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        VitalStormSettings settings = VitalStormSettings.fromMap(conf);
        try (CqlSession session = CassandraSessions.open(settings); JedisPooled redis = RedisClients.open(settings)) {
            String ks = settings.cassandraKeyspace();
            SyncReport report = new RegistrySync(sql,
                    new PatientDirectory(new ProfileCache(redis), new PatientRegistry(session, ks)),
                    new RegistrySyncState(session, ks), new OpenAlertIndex(redis), Clock.systemUTC()).run(() -> { });
            report.lines().forEach(io.out()::println);
            return report.malformed().isEmpty() && report.conflicts().isEmpty() && report.heldDeletions().isEmpty()
                    ? ExitCodes.DONE : ExitCodes.INVALID;
        }
    }

    /** Every registry change of a patient, newest first: when, from where (as of when there), what. */
    @Command(name = "history", mixinStandardHelpOptions = true,
            description =
                    "Every registry change of a patient, newest first: when, from where (as of when there), what.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int history(@Mixin ConfigOption config,
            @Parameters(paramLabel = "P", description = "the patient id") String patient) {
        VitalStormSettings settings = config.settings();
        try (CqlSession session = CassandraSessions.open(settings)) {
            for (RegistryChange c : new PatientRegistry(session, settings.cassandraKeyspace()).history(patient)) {
                io.out().println(c.changedAt() + "  " + c.source() + " (as of " + c.sourceTime() + ")  " + c.kind()
                        + (c.detail() == null ? "" : "  " + c.detail()));
            }
        }
        return ExitCodes.DONE;
    }

    /**
     * The stored raw readings of a patient in a time range, newest first, one JSON line each (the native input
     * format plus the score it got), read through the same history reader as the dashboard.
     */
    @Command(name = "readings", mixinStandardHelpOptions = true,
            description = "The stored readings of a patient from --from (inclusive) to --to (exclusive), newest first,"
                    + " one JSON line each: the reading as sent plus news2 and band.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int readings(@Mixin ConfigOption config,
                 @Parameters(paramLabel = "P", description = "the patient id") String patient,
                 @Option(names = "--from", required = true, paramLabel = "INSTANT",
                         description = "first event time, e.g. 2026-11-01T08:00:00Z") Instant from,
                 @Option(names = "--to", required = true, paramLabel = "INSTANT",
                         description = "end of the range (exclusive)") Instant to) {
        if (!from.isBefore(to)) {
            throw new UsageException("--from " + from + " must be before --to " + to);
        }
        VitalStormSettings settings = config.settings();
        try (CqlSession session = CassandraSessions.open(settings)) {
            new HistoryReader(session, settings.cassandraKeyspace()).scan(patient, from, to, entry -> {
                ObjectNode line = ObservationJson.input(entry.observation());
                line.put("news2", entry.news2());
                line.put("band", entry.band());
                io.out().println(line);
                return true;
            });
        }
        return ExitCodes.DONE;
    }

    /** {@code a=b,c=d} to a map; null gives none. */
    private static Map<String, String> pairs(String option) {
        Map<String, String> m = new LinkedHashMap<>();
        if (option == null) {
            return m;
        }
        for (String pair : option.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException("expected field=column, got '" + pair + "'");
            }
            m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return m;
    }

    static int load(PatientDirectory directory, PatientProfilesFile.Contents contents) {
        for (PatientProfile p : contents.profiles()) {
            directory.register(p);
        }
        return contents.profiles().size();
    }
}

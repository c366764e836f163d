package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.PatientProfilesFile;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.registrysync.RegistrySqlSettings;
import io.vitalstorm.registrysync.RegistrySync;
import io.vitalstorm.registrysync.SyncReport;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistryChange;
import io.vitalstorm.storage.cassandra.RegistrySyncState;
import io.vitalstorm.storage.redis.OpenAlertIndex;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import redis.clients.jedis.JedisPooled;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code vitalstorm patients load [--config vitalstorm.yaml] FILE.jsonl}: registers profiles in
 * Cassandra and drops their Redis cache entries. Invalid lines are reported and skipped; the
 * exit status is 2 if there were any. {@code patients sync}: one run of the SQL registry sync
 * (docs/registry-sync.md); {@code patients discharge}: releases beds.
 */
final class PatientsCommand {

    static final String USAGE = "patients load [--config vitalstorm.yaml] PATIENTS.jsonl | patients discharge [--config vitalstorm.yaml] P...\n"
            + "  patients sync [--config vitalstorm.yaml] [--jdbc URL] [--user U] [--password-file F] [--query SQL]\n"
            + "                [--updated-column C | --full] [--map field=column,...] [--identifier system=column,...] [--name N]\n"
            + "  patients history [--config vitalstorm.yaml] P";
    private static final Set<String> SYNC_OPTIONS = Set.of("--config", "--jdbc", "--user", "--password-file", "--query",
            "--updated-column", "--map", "--identifier", "--name");

    private PatientsCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length >= 2 && argv[1].equals("discharge")) {
            return discharge(argv, out);
        }
        if (argv.length >= 2 && argv[1].equals("sync")) {
            return sync(argv, out);
        }
        if (argv.length >= 2 && argv[1].equals("history")) {
            return history(argv, out);
        }
        if (argv.length < 2 || !argv[1].equals("load")) {
            throw new Args.UsageException("expected: " + USAGE);
        }
        Args args = Args.parse(argv, 2, Set.of("--config"), Set.of());
        if (args.positional().size() != 1) {
            throw new Args.UsageException("expected exactly one patients file");
        }
        VitalStormSettings settings = ConfigFiles.settings(args.option("--config"));
        PatientProfilesFile.Contents contents = PatientProfilesFile.read(Path.of(args.positional().get(0)));
        contents.errors().forEach(err::println);
        try (CqlSession session = CassandraSessions.open(settings); JedisPooled redis = RedisClients.open(settings)) {
            int loaded = load(new PatientDirectory(new ProfileCache(redis),
                    new PatientRegistry(session, settings.cassandraKeyspace())), contents);
            out.println("patients: loaded " + loaded + ", invalid " + contents.errors().size());
        }
        return contents.errors().isEmpty() ? 0 : 2;
    }

    /** Releases the beds: the next stale-state sweep clears these patients' live state written before now. */
    private static int discharge(String[] argv, PrintStream out) {
        Args args = Args.parse(argv, 2, Set.of("--config"), Set.of());
        if (args.positional().isEmpty()) {
            throw new Args.UsageException("expected at least one patient id");
        }
        VitalStormSettings settings = ConfigFiles.settings(args.option("--config"));
        try (CqlSession session = CassandraSessions.open(settings)) {
            Discharges discharges = new Discharges(session, settings.cassandraKeyspace());
            Instant now = Instant.now();
            args.positional().forEach(p -> discharges.discharge(p, now));
        }
        out.println("patients: discharged " + args.positional().size() + " (live state cleared by the next sweep)");
        return 0;
    }

    /**
     * One run of the SQL registry sync, the same the maintenance leader runs on its schedule; the
     * options override the config file's {@code vitalstorm.registry.sql.*}. Exit status 2 when
     * something needs a person's eye (malformed rows, conflicts, held deletions).
     */
    private static int sync(String[] argv, PrintStream out) throws Exception {
        Args args = Args.parse(argv, 2, SYNC_OPTIONS, Set.of("--full"));
        Map<String, Object> conf = ConfigFiles.conf(args.option("--config"));
        String p = RegistrySqlSettings.PREFIX;
        Map.of("--jdbc", "url", "--user", "user", "--password-file", "password.file", "--query", "query",
                "--updated-column", "updated.column", "--name", "name").forEach((option, key) -> {
                    if (args.option(option) != null) {
                        conf.put(p + key, args.option(option));
                    }
                });
        if (args.flag("--full")) {
            conf.remove(p + "updated.column");
        }
        pairs(args.option("--map")).forEach((field, column) -> conf.put(p + "column." + field, column));
        pairs(args.option("--identifier")).forEach((system, column) -> conf.put(p + "identifier." + system, column));
        RegistrySqlSettings sql;
        try {
            sql = RegistrySqlSettings.fromMap(conf);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        VitalStormSettings settings = VitalStormSettings.fromMap(conf);
        try (CqlSession session = CassandraSessions.open(settings); JedisPooled redis = RedisClients.open(settings)) {
            String ks = settings.cassandraKeyspace();
            SyncReport report = new RegistrySync(sql, new PatientDirectory(new ProfileCache(redis), new PatientRegistry(session, ks)),
                    new RegistrySyncState(session, ks), new OpenAlertIndex(redis), Clock.systemUTC()).run(() -> { });
            report.lines().forEach(out::println);
            return report.malformed().isEmpty() && report.conflicts().isEmpty() && report.heldDeletions().isEmpty() ? 0 : 2;
        }
    }

    /** Every registry change of a patient, newest first: when, from where (as of when there), what. */
    private static int history(String[] argv, PrintStream out) {
        Args args = Args.parse(argv, 2, Set.of("--config"), Set.of());
        if (args.positional().size() != 1) {
            throw new Args.UsageException("expected exactly one patient id");
        }
        VitalStormSettings settings = ConfigFiles.settings(args.option("--config"));
        try (CqlSession session = CassandraSessions.open(settings)) {
            for (RegistryChange c : new PatientRegistry(session, settings.cassandraKeyspace()).history(args.positional().get(0))) {
                out.println(c.changedAt() + "  " + c.source() + " (as of " + c.sourceTime() + ")  " + c.kind()
                        + (c.detail() == null ? "" : "  " + c.detail()));
            }
        }
        return 0;
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
                throw new Args.UsageException("expected field=column, got '" + pair + "'");
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

package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.PatientProfilesFile;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import redis.clients.jedis.JedisPooled;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * {@code vitalstorm patients load [--config vitalstorm.yaml] FILE.jsonl}: registers profiles in
 * Cassandra and drops their Redis cache entries. Invalid lines are reported and skipped; the
 * exit status is 2 if there were any.
 */
final class PatientsCommand {

    static final String USAGE = "patients load [--config vitalstorm.yaml] PATIENTS.jsonl | patients discharge [--config vitalstorm.yaml] P...";

    private PatientsCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length >= 2 && argv[1].equals("discharge")) {
            return discharge(argv, out);
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

    static int load(PatientDirectory directory, PatientProfilesFile.Contents contents) {
        for (PatientProfile p : contents.profiles()) {
            directory.register(p);
        }
        return contents.profiles().size();
    }
}

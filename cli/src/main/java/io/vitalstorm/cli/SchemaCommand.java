package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.CassandraSecurity;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.SchemaAdministration;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code vitalstorm schema apply}: the one place a cluster's Cassandra schema changes, with an
 * admin role given on the command line (its password from a 0600 file), never the runtime role
 * the workers use. Creates the runtime role if missing and grants it DML rights on the keyspace.
 */
public final class SchemaCommand {

    static final String USAGE = "schema apply --admin-user ROLE --admin-password-file FILE [--config vitalstorm.yaml]";

    private static final Set<String> VALUED = Set.of("--config", "--admin-user", "--admin-password-file");

    private SchemaCommand() {
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length < 2 || !argv[1].equals("apply")) {
            throw new Args.UsageException("expected: " + USAGE);
        }
        Args args = Args.parse(argv, 2, VALUED, Set.of());
        String adminUser = args.option("--admin-user");
        String adminPasswordFile = args.option("--admin-password-file");
        if (adminUser == null || adminPasswordFile == null) {
            throw new Args.UsageException("schema apply needs --admin-user and --admin-password-file: " + USAGE);
        }
        VitalStormSettings s = ConfigFiles.settings(args.option("--config"));
        String adminPassword = SecretFiles.read("--admin-password-file", Path.of(adminPasswordFile));
        CassandraSecurity runtime = s.cassandraSecurity();
        String runtimePassword = runtime.logsIn() && Files.exists(Path.of(runtime.passwordFile())) ? runtime.password() : null;
        try (CqlSession admin = CassandraSessions.openAsAdmin(s, adminUser, adminPassword)) {
            SchemaAdministration.apply(admin, s, runtimePassword).forEach(out::println);
        }
        return 0;
    }
}

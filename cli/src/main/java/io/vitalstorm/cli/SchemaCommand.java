package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.CassandraSecurity;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.SchemaAdministration;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code vitalstorm schema apply}: the one place a cluster's Cassandra schema changes, with an
 * admin role given on the command line (its password from a 0600 file), never the runtime role
 * the workers use. Creates the runtime role if missing and grants it DML rights on the keyspace.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "The Cassandra schema (docs/security.md).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class SchemaCommand {

    private final Streams io;

    private SchemaCommand(Streams io) {
        this.io = io;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Create or update the schema as an admin role (never the workers' runtime role); create the"
                    + " runtime role if missing and grant it DML rights on the keyspace.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int apply(@Mixin ConfigOption config,
              @Option(names = "--admin-user", required = true, paramLabel = "ROLE",
                      description = "the Cassandra admin role")
              String adminUser,
              @Option(names = "--admin-password-file", required = true, paramLabel = "FILE",
                      description = "a 0600 file holding its password") Path adminPasswordFile) throws Exception {
        VitalStormSettings s = config.settings();
        String adminPassword = SecretFiles.read("--admin-password-file", adminPasswordFile);
        CassandraSecurity runtime = s.cassandraSecurity();
        String runtimePassword = runtime.logsIn() && Files.exists(Path.of(runtime.passwordFile()))
                ? runtime.password() : null;
        try (CqlSession admin = CassandraSessions.openAsAdmin(s, adminUser, adminPassword)) {
            SchemaAdministration.apply(admin, s, runtimePassword).forEach(io.out()::println);
        }
        return ExitCodes.DONE;
    }
}

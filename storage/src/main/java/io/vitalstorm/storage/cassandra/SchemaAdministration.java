package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vitalstorm.core.config.VitalStormSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./vitalstorm schema apply} does with an admin session: the keyspace and tables
 * ({@link VitalStormSchema}), the runtime role if it is missing, and that role's rights: SELECT
 * and MODIFY (insert, update, delete) on the keyspace, nothing else: it cannot create, alter or
 * drop a table, nor grant or see roles.
 */
public final class SchemaAdministration {

    private SchemaAdministration() {
    }

    /**
     * Applies the schema and grants the runtime role of {@code s}; {@code runtimePassword} is used
     * only when the role does not exist yet. Returns one line per step for the operator.
     */
    public static List<String> apply(CqlSession admin, VitalStormSettings s, String runtimePassword) {
        List<String> steps = new ArrayList<>();
        String ks = s.cassandraKeyspace();
        VitalStormSchema.apply(admin, ks, s.cassandraReplication(), s.retentionDays());
        steps.add("schema of keyspace " + ks + " applied");
        String role = s.cassandraSecurity().username();
        if (role.isEmpty()) {
            steps.add("no runtime role configured (vitalstorm.cassandra.username): nothing granted");
            return steps;
        }
        boolean exists = admin.execute(SimpleStatement.newInstance(
                "SELECT role FROM system_auth.roles WHERE role = ?", role)).one() != null;
        if (!exists) {
            if (runtimePassword == null || !runtimePassword.matches("[A-Za-z0-9]+")) {
                throw new IllegalArgumentException("role " + role
                        + " does not exist; its password (letters and digits) must be"
                        + " readable from vitalstorm.cassandra.password.file to create it");
            }
            // CQL takes no bind marker for a role's password; letters and digits only, so nothing to escape
            admin.execute("CREATE ROLE IF NOT EXISTS " + role + " WITH LOGIN = true AND PASSWORD = '"
                    + runtimePassword + "'");
            steps.add("role " + role + " created (LOGIN, no superuser)");
        }
        admin.execute("GRANT SELECT ON KEYSPACE " + ks + " TO " + role);
        admin.execute("GRANT MODIFY ON KEYSPACE " + ks + " TO " + role);
        steps.add("role " + role + " may SELECT and MODIFY keyspace " + ks + " (no CREATE, ALTER, DROP, AUTHORIZE)");
        return steps;
    }
}

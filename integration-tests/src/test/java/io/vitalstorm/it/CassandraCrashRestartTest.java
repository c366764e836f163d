package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.CassandraProcess;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.VitalStormSchema;
import io.vitalstorm.testsupport.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault suite's Cassandra kill relies on: a {@link CassandraProcess#crashable} node
 * killed -9 and restarted has its keyspace, tables and rows, and a session opened before the
 * crash reconnects by itself and reads them (the default test node loses keyspaces created since
 * its first start on a kill: schema changes are neither flushed nor in its commit log).
 */
class CassandraCrashRestartTest {

    @Test
    void aCrashableNodeKilledAndRestartedKeepsItsSchemaAndRowsAndAnOpenSessionReadsThemAgain() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        try (CassandraProcess node = CassandraProcess.crashable(infra.workDir().resolve("cassandra-crash"))) {
            node.start();
            Map<String, Object> conf =
                    new HashMap<>(LocalVitalStorm.settings(infra, "crash", "vitalstorm_crash").toMap());
            conf.put("vitalstorm.cassandra.contact.points", node.address());
            conf.put("vitalstorm.cassandra.local.datacenter", node.localDatacenter());
            VitalStormSettings s = VitalStormSettings.fromMap(conf);
            String table = s.cassandraKeyspace() + ".alerts_by_patient";
            try (CqlSession session = CassandraSessions.open(s)) {
                VitalStormSchema.apply(session, s.cassandraKeyspace(), s.cassandraReplication(), s.retentionDays());
                session.execute("INSERT INTO " + table + " (patient_id, ts, event_id, condition, state) "
                        + "VALUES ('P-CRASH', 1, 'e1', 'NEWS2', 'OPEN')");

                node.kill();
                node.start();

                // the probe's value is what the old session saw (rows or the error), so a time-out tells a
                // session that never reconnected from a row that was lost
                String seen = Await.until("the session opened before the crash reads again", Duration.ofSeconds(90),
                        () -> read(session, table), r -> !r.startsWith("error") && !r.isEmpty());
                assertThat(seen).isEqualTo("NEWS2 OPEN");
            }
        }
    }

    private static String read(CqlSession session, String table) {
        try {
            List<Row> rows = session.execute("SELECT condition, state FROM " + table
                    + " WHERE patient_id = 'P-CRASH'").all();
            return rows.stream().map(r -> r.getString("condition") + " " + r.getString("state"))
                    .collect(Collectors.joining(", "));
        } catch (RuntimeException reconnecting) {
            return "error: " + reconnecting;
        }
    }
}

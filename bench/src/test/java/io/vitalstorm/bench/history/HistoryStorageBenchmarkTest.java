package io.vitalstorm.bench.history;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The history benchmarks at a tiny size on the real Cassandra: they run and report; no speed is asserted here. */
class HistoryStorageBenchmarkTest {

    @Test
    void measuresBytesOnDiskAndTheYearQueriesAndWritesTheReport(@TempDir Path out) throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        VitalStormSettings s = LocalVitalStorm.settings(infra, "histbench", "vitalstorm_histbench");
        try (CqlSession cassandra = CassandraSessions.open(s)) {
            HistoryStorageBenchmark.Result r = new HistoryStorageBenchmark(cassandra, infra.workDir(),
                    s.cassandraReplication(),
                    System.out::println).run(new HistoryStorageBenchmark.Sizes(2, 180, 1, 3));
            assertThat(r.disk()).hasSize(2).allSatisfy(d -> {
                assertThat(d.readings()).isEqualTo(360);
                assertThat(d.blockBytes()).isPositive();
                assertThat(d.rollupBytes()).isPositive();
            });
            assertThat(r.queries()).hasSize(2);
            // a year in the dashboard's 240 buckets
            assertThat(r.queries().get(0).pointsOrReadings()).isBetween(200L, 240L);
            assertThat(r.queries().get(1).pointsOrReadings()).isEqualTo(3600); // a raw hour at 1 Hz
            Path report = HistoryReport.write(r, "test", out);
            assertThat(Files.readString(report)).contains("wrist_band", "one-year chart", "raw one-hour query");
        }
    }
}

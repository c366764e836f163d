package io.vitalstorm.bench.flink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import redis.clients.jedis.JedisPooled;

import java.util.HashMap;
import java.util.Map;

/**
 * The server clients of the job's JVM, one set per settings (as a Storm worker's WorkerResources): every subtask of
 * the MiniCluster shares the Redis pool, the Cassandra session and the thresholds watch. Thread-safe.
 */
final class FlinkClients {

    private static final Map<Map<String, String>, FlinkClients> OPEN = new HashMap<>();

    private final VitalStormSettings settings;
    private final JedisPooled redis;
    private final CqlSession cassandra;
    private final LiveThresholds thresholds;
    private final PatientDirectory directory;

    private FlinkClients(VitalStormSettings s) throws Exception {
        this.settings = s;
        this.redis = RedisClients.open(s);
        this.cassandra = CassandraSessions.open(s);
        this.thresholds = LiveThresholds.watch(CuratorClients.shared(s), s.zookeeperRoot());
        this.directory = new PatientDirectory(new ProfileCache(redis),
                new PatientRegistry(cassandra, s.cassandraKeyspace()));
    }

    static synchronized FlinkClients of(Map<String, String> conf) throws Exception {
        FlinkClients c = OPEN.get(conf);
        if (c == null) {
            c = new FlinkClients(VitalStormSettings.fromMap(conf));
            OPEN.put(Map.copyOf(conf), c);
        }
        return c;
    }

    /** After the job: closes every set opened in this JVM. */
    static synchronized void closeAll() {
        for (FlinkClients c : OPEN.values()) {
            c.thresholds.close();
            c.cassandra.close();
            c.redis.close();
        }
        OPEN.clear();
    }

    VitalStormSettings settings() {
        return settings;
    }

    JedisPooled redis() {
        return redis;
    }

    CqlSession cassandra() {
        return cassandra;
    }

    LiveThresholds thresholds() {
        return thresholds;
    }

    PatientDirectory directory() {
        return directory;
    }
}

package io.vitalstorm.bench.run;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vitalstorm.storage.redis.RedisKeys;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Duration;
import java.util.List;

/**
 * Empties what a run writes — latest state, risk sets, risk-state checkpoints, alert episodes and
 * open alerts, history, alert rows — so the limit loop and the topology each start from the same
 * state (a checkpoint left by the previous run would make the next one resume instead). The profile cache and the
 * registry stay: both runs enrich against the same warm cache.
 */
final class SinkReset {

    /** Everything per patient but the profile cache: state, risk sets, risk checkpoints, episodes, open alerts. */
    private static final List<String> REDIS_PATTERNS = List.of(RedisKeys.latest("*"), RedisKeys.riskAll() + "*",
            RedisKeys.riskState("*"), RedisKeys.episode("*"), RedisKeys.OPEN_ALERTS);
    private static final List<String> TABLES = List.of("observations_by_patient_day", "history_blocks",
            "history_rollup_1m",
            "history_rollup_1h", "alerts_by_patient");

    private SinkReset() {
    }

    static void reset(JedisPooled redis, CqlSession cassandra, String keyspace) {
        for (String pattern : REDIS_PATTERNS) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().match(pattern).count(10_000));
                if (!page.getResult().isEmpty()) {
                    redis.unlink(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        for (String table : TABLES) {
            cassandra.execute(SimpleStatement.newInstance("TRUNCATE " + keyspace + "." + table)
                    .setTimeout(Duration.ofSeconds(60)));
        }
    }
}

package io.vitalstorm.storage.redis;

import io.vitalstorm.core.risk.AlertCondition;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes a patient's live state (latest hash, episodes and their open-alert entries, risk state,
 * risk-board entries) only if it was last updated before a cutoff. The check and the deletes are
 * one Lua script, so a reading that lands in between is never swept away.
 */
public final class StaleStateSweeper {

    /**
     * A patient to sweep if its state is older than {@code cutoffMillis}; {@code ward} from its latest hash, may be
     * null.
     */
    public record Candidate(String patientId, String ward, long cutoffMillis) {
    }

    // KEYS: latest hash, episode, engine state, all-patients risk zset, ward risk zset, open-alerts hash.
    // ARGV: cutoff (epoch ms), patientId, then the patient's open-alert fields (one per condition).
    // Wall-clock updatedAt first, event time ts if an older writer left none.
    private static final String SCRIPT = """
            local updated = redis.call('HGET', KEYS[1], 'updatedAt') or redis.call('HGET', KEYS[1], 'ts')
            if updated and tonumber(updated) >= tonumber(ARGV[1]) then return 0 end
            local removed = redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
                + redis.call('ZREM', KEYS[4], ARGV[2]) + redis.call('ZREM', KEYS[5], ARGV[2])
                + redis.call('HDEL', KEYS[6], unpack(ARGV, 3))
            if removed > 0 then return 1 end
            return 0
            """;

    private final JedisPooled redis;

    public StaleStateSweeper(JedisPooled redis) {
        this.redis = redis;
    }

    /** Sweeps the candidates in one pipeline; returns how many had anything left to remove. */
    public int sweep(List<Candidate> candidates) {
        List<Response<Object>> replies = new ArrayList<>(candidates.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (Candidate c : candidates) {
                // no ward known (latest hash already gone): remove from the all-patients board twice, harmlessly
                String wardBoard = c.ward() == null || c.ward().isEmpty() ? RedisKeys.riskAll()
                        : RedisKeys.riskOfWard(c.ward());
                List<String> args = new ArrayList<>(List.of(Long.toString(c.cutoffMillis()), c.patientId()));
                // the episodes go, so their open-alert entries must too: nothing would ever resolve them
                for (AlertCondition condition : AlertCondition.values()) {
                    args.add(RedisKeys.openAlertField(c.patientId(), condition.name()));
                }
                replies.add(pipeline.eval(SCRIPT,
                        List.of(RedisKeys.latest(c.patientId()), RedisKeys.episode(c.patientId()),
                                RedisKeys.riskState(c.patientId()), RedisKeys.riskAll(), wardBoard,
                                RedisKeys.OPEN_ALERTS),
                        args));
            }
            pipeline.sync();
        }
        int swept = 0;
        for (Response<Object> r : replies) {
            swept += ((Long) r.get()).intValue();
        }
        return swept;
    }
}

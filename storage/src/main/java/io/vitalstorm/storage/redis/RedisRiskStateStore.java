package io.vitalstorm.storage.redis;

import io.vitalstorm.core.risk.RiskStateStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Risk-state checkpoints in Redis ({@code vs:state:<patientId>}, binary), written in one pipeline
 * per checkpoint. A state expires a day after the patient's last reading: by then every window
 * in it is stale and the patient would start afresh anyway.
 */
public final class RedisRiskStateStore implements RiskStateStore {

    static final long TTL_SECONDS = 86_400;

    private final JedisPooled redis;

    public RedisRiskStateStore(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public Optional<byte[]> load(String patientId) {
        return Optional.ofNullable(redis.get(key(patientId)));
    }

    @Override
    public void saveAll(Map<String, byte[]> states) {
        try (AbstractPipeline p = redis.pipelined()) {
            states.forEach((patientId, state) -> p.setex(key(patientId), TTL_SECONDS, state));
            p.sync();
        }
    }

    private static byte[] key(String patientId) {
        return RedisKeys.riskState(patientId).getBytes(StandardCharsets.UTF_8);
    }
}

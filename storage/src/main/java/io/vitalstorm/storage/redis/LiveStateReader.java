package io.vitalstorm.storage.redis;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the live picture the topology keeps in Redis, for the maintenance jobs: who is on the
 * risk board, their latest hashes (one pipeline), and the open alerts by patient.
 */
public final class LiveStateReader {

    private final JedisPooled redis;

    public LiveStateReader(JedisPooled redis) {
        this.redis = redis;
    }

    /** Every patient on {@code vs:risk}, worst first. */
    public List<String> riskBoard() {
        return redis.zrevrange(RedisKeys.riskAll(), 0, -1);
    }

    /** Patient id to its {@code vs:latest} hash; patients without one are left out. */
    public Map<String, Map<String, String>> latest(Collection<String> patientIds) {
        Map<String, Response<Map<String, String>>> replies = new LinkedHashMap<>();
        try (PipelineBase pipeline = redis.pipelined()) {
            for (String p : patientIds) {
                replies.put(p, pipeline.hgetAll(RedisKeys.latest(p)));
            }
            pipeline.sync();
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        replies.forEach((p, r) -> {
            if (!r.get().isEmpty()) {
                out.put(p, r.get());
            }
        });
        return out;
    }

    /** Patient id to the JSON documents of its open alerts ({@link RedisKeys#OPEN_ALERTS}). */
    public Map<String, List<String>> openAlertsByPatient() {
        Map<String, List<String>> out = new HashMap<>();
        redis.hgetAll(RedisKeys.OPEN_ALERTS).forEach((field, json) -> {
            int bar = field.lastIndexOf('|');
            String patient = bar < 0 ? field : field.substring(0, bar);
            out.computeIfAbsent(patient, k -> new ArrayList<>()).add(json);
        });
        return out;
    }
}

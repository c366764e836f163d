package io.vitalstorm.storage.redis;

import io.vitalstorm.core.risk.AlertCondition;
import redis.clients.jedis.JedisPooled;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Asks the open-alerts index ({@link RedisKeys#OPEN_ALERTS}) whether a patient is under an active alert. */
public final class OpenAlertIndex {

    private final JedisPooled redis;

    public OpenAlertIndex(JedisPooled redis) {
        this.redis = redis;
    }

    /** The conditions of the patient's open alerts (empty when none). */
    public List<String> openConditions(String patientId) {
        AlertCondition[] all = AlertCondition.values();
        String[] fields = Arrays.stream(all).map(c -> RedisKeys.openAlertField(patientId, c.name()))
                .toArray(String[]::new);
        List<String> values = redis.hmget(RedisKeys.OPEN_ALERTS, fields);
        return java.util.stream.IntStream.range(0, all.length).filter(i -> Objects.nonNull(values.get(i)))
                .mapToObj(i -> all[i].name()).toList();
    }
}

package io.vitalstorm.storage.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.state.OpenAlertCodec;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;

import java.util.ArrayList;
import java.util.List;

/**
 * Alert episodes in Redis, so a restarted worker resumes them: one hash per patient
 * ({@code vs:episode:<patientId>}, a field per condition), and the index of open alerts
 * ({@code vs:alerts:open}) that dashboards and the doctors' sum-up read. A patient's hash is
 * kept while any alert is open; once all are resolved, only as long as Kafka could still replay
 * the readings that resolved them.
 */
public final class RedisEpisodeStore implements EpisodeStore {

    static final long RESOLVED_TTL_SECONDS = 7 * 86_400;

    private final JedisPooled redis;

    public RedisEpisodeStore(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public List<Episode> load(String patientId) {
        List<Episode> out = new ArrayList<>();
        for (String text : redis.hgetAll(RedisKeys.episode(patientId)).values()) {
            out.add(Episode.decode(text));
        }
        return out;
    }

    @Override
    public void save(String patientId, Episode episode, boolean anyOpen) {
        String key = RedisKeys.episode(patientId);
        String openField = RedisKeys.openAlertField(patientId, episode.condition().name());
        try (AbstractPipeline p = redis.pipelined()) {
            p.hset(key, episode.condition().name(), episode.encode());
            if (episode.open()) {
                p.hset(RedisKeys.OPEN_ALERTS, openField, Json.string(openAlert(patientId, episode)));
            } else {
                p.hdel(RedisKeys.OPEN_ALERTS, openField);
            }
            if (anyOpen) {
                p.persist(key);
            } else {
                p.expire(key, RESOLVED_TTL_SECONDS);
            }
            p.sync();
        }
    }

    /** The open-alerts index entry ({@link OpenAlertCodec}): what a sum-up or dashboard reads of an episode. */
    static ObjectNode openAlert(String patientId, Episode e) {
        return OpenAlertCodec.entry(patientId, e.stored());
    }
}

package io.vitalstorm.storage.redis;

import io.vitalstorm.core.alert.EpisodeSnapshot;
import io.vitalstorm.core.alert.EpisodeStore;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

import java.util.Optional;

/**
 * Alert episodes in Redis ({@code vs:episode:<patientId>}), so a restarted worker resumes them.
 * An open episode is kept until it resolves; a resolved one only as long as Kafka could still
 * replay the reading that resolved it.
 */
public final class RedisEpisodeStore implements EpisodeStore {

    static final long RESOLVED_TTL_SECONDS = 7 * 86_400;

    private final JedisPooled redis;

    public RedisEpisodeStore(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public Optional<EpisodeSnapshot> load(String patientId) {
        String text = redis.get(RedisKeys.episode(patientId));
        return text == null ? Optional.empty() : Optional.of(EpisodeSnapshot.decode(text));
    }

    @Override
    public void save(String patientId, EpisodeSnapshot snapshot) {
        if (snapshot.open()) {
            redis.set(RedisKeys.episode(patientId), snapshot.encode());
        } else {
            redis.set(RedisKeys.episode(patientId), snapshot.encode(), SetParams.setParams().ex(RESOLVED_TTL_SECONDS));
        }
    }
}

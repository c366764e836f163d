package io.vitalstorm.it;

import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.EpisodeSnapshot;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import io.vitalstorm.storage.redis.RedisKeys;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert episodes in the real Redis: open ones kept, resolved ones expire. */
class RedisEpisodeStoreTest {

    @Test
    void openEpisodesStayAndResolvedOnesExpire() {
        var settings = LocalVitalStorm.settings(LocalInfrastructure.shared(), "episodes", "vitalstorm_episodes");
        try (JedisPooled redis = RedisClients.open(settings)) {
            RedisEpisodeStore store = new RedisEpisodeStore(redis);
            assertThat(store.load("EP-1")).isEmpty();

            EpisodeSnapshot open = new EpisodeSnapshot("a-1", RiskBand.HIGH, -1, 1000, AlertState.ESCALATED,
                    RiskBand.HIGH, "risk rose from MEDIUM to HIGH (NEWS2 8)");
            store.save("EP-1", open);
            assertThat(store.load("EP-1")).contains(open);
            assertThat(redis.ttl(RedisKeys.episode("EP-1"))).isEqualTo(-1L);

            store.save("EP-1", new EpisodeSnapshot("a-1", RiskBand.HIGH, 2000, 3000, AlertState.RESOLVED,
                    RiskBand.LOW, "below LOW_MEDIUM for 15 min (NEWS2 1)"));
            assertThat(store.load("EP-1")).hasValueSatisfying(s -> assertThat(s.open()).isFalse());
            assertThat(redis.ttl(RedisKeys.episode("EP-1"))).isBetween(1L, 7 * 86_400L);
        }
    }
}

package io.vitalstorm.it;

import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import io.vitalstorm.storage.redis.RedisKeys;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert episodes in the real Redis: open ones kept and indexed, resolved ones expire once none is open. */
class RedisEpisodeStoreTest {

    private static Episode episode(AlertCondition c, AlertState state, String reason) {
        return Episode.builder(c, "a-" + c).state(state).seq(1).worst(RiskBand.HIGH).band(RiskBand.HIGH).news2(8)
                .openedAt(1000).lastTransitionTs(3000).lastNotifiedAt(1000).lastReason(reason).build();
    }

    @Test
    void openEpisodesStayAndAreIndexedResolvedOnesExpire() {
        var settings = LocalVitalStorm.settings(LocalInfrastructure.shared(), "episodes", "vitalstorm_episodes");
        try (JedisPooled redis = RedisClients.open(settings)) {
            RedisEpisodeStore store = new RedisEpisodeStore(redis);
            assertThat(store.load("EP-1")).isEmpty();

            Episode news2 = episode(AlertCondition.NEWS2, AlertState.ESCALATED, "risk rose from MEDIUM to HIGH | x");
            Episode trend = episode(AlertCondition.DETERIORATING, AlertState.OPEN, "NEWS2 rose by 3");
            store.save("EP-1", news2, true);
            store.save("EP-1", trend, true);
            assertThat(store.load("EP-1")).extracting(Episode::alertId)
                    .containsExactlyInAnyOrder("a-NEWS2", "a-DETERIORATING");
            assertThat(redis.ttl(RedisKeys.episode("EP-1"))).isEqualTo(-1L);
            assertThat(Json.MAPPER.readTree(redis.hget(RedisKeys.OPEN_ALERTS, "EP-1|NEWS2")).get("state").asText())
                    .isEqualTo("ESCALATED");

            store.save("EP-1", episode(AlertCondition.NEWS2, AlertState.RESOLVED, "no longer holds"), true);
            assertThat(redis.hexists(RedisKeys.OPEN_ALERTS, "EP-1|NEWS2")).isFalse();
            assertThat(redis.hexists(RedisKeys.OPEN_ALERTS, "EP-1|DETERIORATING")).isTrue();
            assertThat(redis.ttl(RedisKeys.episode("EP-1"))).as("the trend is still open").isEqualTo(-1L);

            store.save("EP-1", episode(AlertCondition.DETERIORATING, AlertState.RESOLVED, "no longer holds"), false);
            assertThat(store.load("EP-1")).allSatisfy(e -> assertThat(e.open()).isFalse());
            assertThat(redis.ttl(RedisKeys.episode("EP-1"))).isBetween(1L, 7 * 86_400L);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

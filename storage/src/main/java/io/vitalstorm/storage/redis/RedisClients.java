package io.vitalstorm.storage.redis;

import io.vitalstorm.core.config.VitalStormSettings;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** A pooled Redis client from the settings (password read from the referenced file). */
public final class RedisClients {

    private RedisClients() {
    }

    public static JedisPooled open(VitalStormSettings s) {
        return new JedisPooled(new HostAndPort(s.redisHost(), s.redisPort()),
                DefaultJedisClientConfig.builder()
                        .user(s.redisUsername() == null || s.redisUsername().isBlank() ? null : s.redisUsername())
                        .password(s.redisPassword()).timeoutMillis(5_000).build());
    }
}

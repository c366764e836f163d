package io.vitalstorm.storage.redis;

import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.VitalStormSettings;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import javax.net.ssl.SSLParameters;

/**
 * A pooled Redis client from the settings (password read from the referenced file; TLS from
 * {@code vitalstorm.redis.tls*}). Every Redis client of the project (bolts, web tier, CLI, bench) is built here.
 */
public final class RedisClients {

    private RedisClients() {
    }

    public static JedisPooled open(VitalStormSettings s) {
        return new JedisPooled(new HostAndPort(s.redisHost(), s.redisPort()), config(s));
    }

    /** The client configuration of {@link #open}: login, timeout and TLS. */
    public static DefaultJedisClientConfig config(VitalStormSettings s) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .user(s.redisUsername() == null || s.redisUsername().isBlank() ? null : s.redisUsername())
                .password(s.redisPassword()).timeoutMillis(5_000);
        ClientTls tls = s.redisTls();
        if (tls.enabled()) {
            SSLParameters parameters = new SSLParameters();
            if (tls.hostnameVerification()) {
                // the JDK checks the certificate's SAN against the host during the handshake
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            b.ssl(true).sslSocketFactory(tls.sslContext().getSocketFactory()).sslParameters(parameters);
        }
        return b.build();
    }
}

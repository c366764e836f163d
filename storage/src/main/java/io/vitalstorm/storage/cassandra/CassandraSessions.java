package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import io.vitalstorm.core.config.CassandraSecurity;
import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.VitalStormSettings;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Opens driver sessions from the settings, logged in as the configured runtime role if any, over TLS
 * with {@code vitalstorm.cassandra.tls=true}. The
 * schema is applied at start only with {@code vitalstorm.cassandra.schema.at.start=true} (demo,
 * tests); otherwise the keyspace must exist ({@code ./vitalstorm schema apply}, {@link #openAsAdmin}).
 */
public final class CassandraSessions {

    /** Below the driver's 1024 requests per connection; measured by ./vitalstorm bench (docs/benchmarks.md). */
    static final int MAX_IN_FLIGHT = 512;
    /** Several history flushes of a 100k-patient ward. */
    static final int MAX_QUEUED = 100_000;
    /** Longest pause between two reconnection attempts to a node that is down. */
    static final Duration RECONNECTION_MAX_DELAY = Duration.ofSeconds(5);

    private CassandraSessions() {
    }

    public static CqlSession open(VitalStormSettings s) {
        CassandraSecurity security = s.cassandraSecurity();
        CqlSession session = build(s, security.logsIn() ? security.username() : null,
                security.logsIn() ? security.password() : null);
        if (security.schemaAtStart()) {
            VitalStormSchema.apply(session, s.cassandraKeyspace(), s.cassandraReplication(), s.retentionDays());
        } else if (session.getMetadata().getKeyspace(s.cassandraKeyspace()).isEmpty()) {
            session.close();
            throw new IllegalStateException("Cassandra keyspace " + s.cassandraKeyspace() + " does not exist (or "
                    + security.username()
                    + " may not see it): run ./vitalstorm schema apply with the admin role first");
        }
        return session;
    }

    /** A session of another role (the admin role of {@code schema apply}); no schema is applied. */
    public static CqlSession openAsAdmin(VitalStormSettings s, String username, String password) {
        return build(s, username, password);
    }

    private static CqlSession build(VitalStormSettings s, String username, String password) {
        CqlSessionBuilder builder = CqlSession.builder()
                .withLocalDatacenter(s.cassandraLocalDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        // schema changes on a single test node settle quickly; don't wait the default 10 s
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(10))
                        // a node back from an outage is used again within seconds: the driver's default
                        // backoff doubles to 60 s, so a node that took 40 s to restart waited up to a minute more
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofSeconds(1))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECTION_MAX_DELAY)
                        // a history flush of a large ward is one async batch per patient-day, thousands at
                        // once: queue beyond 512 in flight instead of failing when the connection is full
                        .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
                        .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, MAX_IN_FLIGHT)
                        .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, MAX_QUEUED)
                        .build());
        for (String hostPort : s.cassandraContactPoints().split(",")) {
            builder.addContactPoint(address(hostPort.trim()));
        }
        if (username != null) {
            builder.withAuthCredentials(username, password);
        }
        ClientTls tls = s.cassandraTls();
        if (tls.enabled()) {
            builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(tls.sslContext(), null,
                    tls.hostnameVerification()));
        }
        return builder.build();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(hostPort, 9042);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

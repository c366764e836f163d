package io.vitalstorm.web;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AccessAuditLog;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.TableCatalog;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.DashboardUsers;
import io.vitalstorm.storage.cassandra.HistoryReader;
import io.vitalstorm.storage.cassandra.PatientMessages;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.SummaryStore;
import io.vitalstorm.storage.redis.LiveStateReader;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import io.vitalstorm.storage.redis.RedisFailureCounts;
import io.vitalstorm.storage.redis.RedisClients;
import org.apache.curator.framework.CuratorFramework;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard server: Javalin (Jetty) serving the static front end from the jar, uPlot from
 * its WebJar, and the JSON/SSE/FHIR API over the storage tier. Owns its Redis, Cassandra and
 * Kafka clients; {@link #close} stops everything it started.
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final JedisPooled redis;
    private final CqlSession cassandra;
    private final CuratorFramework zookeeper;
    private final LiveThresholds thresholds;
    private final KafkaProducer<String, byte[]> producer;
    private final LiveFeed feed;
    private final Accounts accounts;
    private final Javalin app;
    private final String url;

    private Dashboard(VitalStormSettings s, WebSettings w) {
        // a bad key or password file is refused before any server is contacted
        Pseudonyms pseudonyms = Pseudonyms.of(w);
        char[] keystorePassword = w.tls() ? w.keystorePassword() : null;
        this.redis = RedisClients.open(s);
        CqlSession session = null;
        KafkaProducer<String, byte[]> kafka = null;
        CuratorFramework zk = null;
        LiveThresholds inForce;
        try {
            session = CassandraSessions.open(s);
            kafka = producer(s);
            zk = CuratorClients.startNew(s);
            inForce = LiveThresholds.watch(zk, s.zookeeperRoot());
        } catch (Exception e) {
            redis.close();
            if (zk != null) {
                zk.close();
            }
            if (session != null) {
                session.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            throw e instanceof RuntimeException r ? r
                    : new IllegalStateException("cannot watch the thresholds: " + e, e);
        }
        this.thresholds = inForce;
        this.cassandra = session;
        this.producer = kafka;
        this.zookeeper = zk;
        String ks = s.cassandraKeyspace();
        PatientDirectory directory = new PatientDirectory(new ProfileCache(redis), new PatientRegistry(cassandra, ks));
        LoadingCache<String, Optional<PatientProfile>> profiles = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(200_000).build(directory::find);
        LiveStateReader live = new LiveStateReader(redis);
        this.feed = new LiveFeed(live, id -> profiles.get(id).orElse(PatientProfile.unknown(id)),
                w.silentAfter().toMillis());
        this.accounts = new Accounts(new DashboardUsers(cassandra, ks));
        Services services = new Services(s, w, accounts, new SessionStore(w.sessionIdle()),
                new AuditTrail(new AccessAuditLog(cassandra, ks)), feed, live, profiles,
                new HistoryReader(cassandra, ks),
                new AlertStore(cassandra, ks, s.retentionDays()), new SummaryStore(cassandra, ks, s.retentionDays()),
                new PatientMessages(cassandra, ks, s.retentionDays()), producer);
        this.app = javalin(w, keystorePassword);
        new AuthRoutes(services, new LoginThrottle(new RedisFailureCounts(redis))).register(app);
        new WardRoutes(services, thresholds, new RedisEpisodeStore(redis)).register(app);
        new PatientRoutes(services).register(app);
        new FhirRoutes(services).register(app);
        new CatalogRoutes(services, new TableCatalog(cassandra, ks), new ArchiveCatalog(cassandra, ks),
                pseudonyms).register(app);
        new ThresholdsRoutes(services, new ThresholdsStore(zookeeper, s.zookeeperRoot(), Clock.systemUTC()))
                .register(app);
        feed.start();
        app.start(w.host(), w.port());
        this.url = (w.tls() ? "https" : "http") + "://" + w.host() + ":" + app.port() + "/";
    }

    /** Connects to the servers in {@code s} and serves on {@code w.host():w.port()}. */
    public static Dashboard start(VitalStormSettings s, WebSettings w) {
        return new Dashboard(s, w);
    }

    public String url() {
        return url;
    }

    public int port() {
        return app.port();
    }

    public Accounts accounts() {
        return accounts;
    }

    private static Javalin javalin(WebSettings w, char[] keystorePassword) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/dashboard";
                sf.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            if (w.tls()) {
                config.jetty.addConnector((server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStorePath(w.keystoreFile());
                    ssl.setKeyStorePassword(new String(keystorePassword));
                    httpConfig.addCustomizer(new SecureRequestCustomizer());
                    ServerConnector https = new ServerConnector(server,
                            new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(httpConfig));
                    https.setHost(w.host());
                    https.setPort(w.port());
                    return https;
                });
            }
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/fhir/")) {
                ctx.header("Cache-Control", "no-store");
            }
            if (w.tls()) {
                ctx.header("Strict-Transport-Security", "max-age=31536000");
            }
        });
        app.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 413 ? "too-costly" : "invalid",
                e.getStatus() == 413 ? "the body is larger than " + MAX_BODY_BYTES + " bytes" : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "exception", "the server could not answer this request; the error is in its log");
        });
        app.error(404, ctx -> {
            if (ctx.attribute("vitalstorm.error") == null) {
                error(ctx, 404, "not-found", "no such page or endpoint: " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute("vitalstorm.error") == null) {
                error(ctx, 405, "not-supported", "method " + ctx.method() + " is not allowed here");
            }
        });
        return app;
    }

    /** Clear JSON for every refusal: OperationOutcome on the FHIR paths, {@code {status,error,message}} elsewhere. */
    static void error(Context ctx, int status, String code, String message) {
        ctx.attribute("vitalstorm.error", true);
        ctx.status(status);
        if (ctx.path().startsWith("/fhir/")) {
            ctx.contentType(FhirResources.CONTENT_TYPE)
                    .result(Json.string(FhirResources.operationOutcome(code, message)));
        } else {
            ctx.contentType("application/json")
                    .result(Json.string(Json.object().put("status", status).put("error", code)
                    .put("message", message)));
        }
    }

    private static KafkaProducer<String, byte[]> producer(VitalStormSettings s) {
        Properties p = new Properties();
        p.putAll(s.kafkaClientProperties()); // the web tier's acknowledgements go over SASL_SSL when configured
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            feed.close();
            thresholds.close();
            producer.close(Duration.ofSeconds(5));
            zookeeper.close();
            cassandra.close();
            redis.close();
        }
    }
}

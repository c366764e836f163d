package io.vitalstorm.web;

import com.datastax.oss.driver.api.core.CqlSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.OperatorCredentials;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import org.apache.curator.framework.CuratorFramework;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AccessAuditLog;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's API against real Redis, Cassandra and Kafka (no topology: the stores are
 * filled with the storage module's own writers): login and sessions, CSRF, ward access, bad
 * input, year-range aggregation, FHIR paging, and the access audit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String SCRIPT_NAME = "<script>alert('x')</script> Ann";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final int DENSE = 600;

    private VitalStormSettings settings;
    private Dashboard dashboard;
    private CqlSession cassandra;
    private final HttpClient http = HttpClient.newHttpClient();
    private int yearReadings;
    private Map<String, Object> conf;

    @BeforeAll
    void start() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        conf.put("vitalstorm.kafka.topic.alerts.ack", "webapi.alerts.ack");
        conf.put("vitalstorm.kafka.topic.alerts.patient", "webapi.alerts.patient");
        conf.put("vitalstorm.zookeeper.connect", infra.zookeeperConnect());
        conf.put("vitalstorm.zookeeper.root", "/webapi");
        conf.put("vitalstorm.redis.host", infra.redisHost());
        conf.put("vitalstorm.redis.port", infra.redisPort());
        conf.put("vitalstorm.cassandra.contact.points", infra.cassandraHost() + ":" + infra.cassandraPort());
        conf.put("vitalstorm.cassandra.local.datacenter", infra.cassandraLocalDatacenter());
        conf.put("vitalstorm.cassandra.keyspace", "vitalstorm_webapi");
        conf.put("vitalstorm.web.port", 0);
        conf.put(WebSettings.PSEUDONYM_KEY_FILE.key(), io.vitalstorm.core.config.SecretFiles.write(
                Path.of("target", "webapi-pseudonym.key"), UUID.randomUUID() + "-" + UUID.randomUUID()).toString());
        settings = VitalStormSettings.fromMap(conf);
        infra.createTopics(Map.of(settings.acknowledgementsTopic(), 1, settings.patientAlertsTopic(), 1));
        cassandra = CassandraSessions.open(settings);
        try (JedisPooled redis = RedisClients.open(settings)) {
            PatientDirectory directory = new PatientDirectory(new ProfileCache(redis),
                    new PatientRegistry(cassandra, settings.cassandraKeyspace()));
            PatientProfile ann = new PatientProfile("API-A1", SCRIPT_NAME, 70, "API-Ward-A", "API-Team-A", "Dr A",
                    Spo2Scale.SCALE_1, null);
            PatientProfile bea = new PatientProfile("API-B1", "Bea Secret", 60, "API-Ward-B", "API-Team-B", "Dr B",
                    Spo2Scale.SCALE_1, null);
            directory.register(ann);
            directory.register(bea);
            News2Scorer scorer = new News2Scorer(ScoringTables.RCP_2017);
            List<ScoredObservation> rows = new ArrayList<>();
            // a dense last 10 minutes at 1 Hz, and one reading a day for a year before it
            for (int i = 0; i < DENSE; i++) {
                rows.add(scorer.score(
                        new EnrichedObservation(reading("API-A1", NOW.minusSeconds(DENSE - i), 70 + i % 20),
                                ann, true)));
            }
            for (int d = 1; d <= 360; d++) {
                rows.add(scorer.score(
                        new EnrichedObservation(reading("API-A1", NOW.minus(Duration.ofDays(d)), 80), ann, true)));
            }
            yearReadings = rows.size();
            HistoryWriter history = new HistoryWriter(cassandra, settings.cassandraKeyspace(),
                    settings.retentionDays());
            Await.retrying("seeding history", 3, () -> history.write(rows).toCompletableFuture().get());
            new LatestStateWriter(redis).write(List.of(rows.get(DENSE - 1),
                    scorer.score(new EnrichedObservation(reading("API-B1", NOW, 90), bea, true))));
        }
        dashboard = Dashboard.start(settings, WebSettings.fromMap(conf));
        dashboard.accounts()
                .create("api.ann", "Dr Ann", PASSWORD, Set.of(User.CLINICIAN), Set.of("API-Ward-A"), Set.of(), null);
        dashboard.accounts()
                .create("api.bob", "Dr Bob", PASSWORD, Set.of(User.CLINICIAN), Set.of("API-Ward-B"), Set.of(), null);
        dashboard.accounts().create("api.dee", "Dee", PASSWORD, Set.of(User.DATA_ENGINEER), Set.of(), Set.of(), null);
        dashboard.accounts()
                .create("api.pat", "Ann the patient", PASSWORD, Set.of(User.PATIENT), Set.of(), Set.of(), "API-A1");
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (cassandra != null) {
            cassandra.close();
        }
    }

    private static Observation reading(String patient, Instant ts, double hr) {
        return new Observation(patient, "dev-" + patient, ts.toEpochMilli(), hr, 18.0, 96.0, 120.0, 37.0, null, false);
    }

    /** A logged-in browser: the session cookie and the CSRF token. */
    private record Login(String cookie, String csrf) {
    }

    private Login login(String user) throws Exception {
        HttpResponse<String> r = post("/api/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
        return new Login(setCookie.substring(0, setCookie.indexOf(';')),
                Json.MAPPER.readTree(r.body()).path("csrfToken").asText());
    }

    private HttpResponse<String> get(String path, Login login) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1)));
        if (login != null) {
            b.header("Cookie", login.cookie());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Login login, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            b.header("Cookie", login.cookie());
            if (login.csrf() != null) {
                b.header("X-CSRF-Token", login.csrf());
            }
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameRefusal() throws Exception {
        HttpResponse<String> wrong = post("/api/login", null,
                "{\"username\":\"api.ann\",\"password\":\"nope nope nope\"}");
        HttpResponse<String> unknown = post("/api/login", null,
                "{\"username\":\"nobody\",\"password\":\"nope nope nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("message").asText()).isEqualTo(json(unknown).path("message").asText());
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void repeatedWrongPasswordsLockTheUserWith429AndRetryAfterAndAreAudited() throws Exception {
        dashboard.accounts()
                .create("api.eve", "Dr Eve", PASSWORD, Set.of(User.CLINICIAN), Set.of("API-Ward-B"), Set.of(), null);
        String wrong = "{\"username\":\"api.eve\",\"password\":\"not the password\"}";
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            assertThat(post("/api/login", null, wrong).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = post("/api/login", null,
                "{\"username\":\"API.EVE\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(json(locked).path("error").asText()).isEqualTo("throttled");
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(LoginThrottle.WINDOW.toSeconds() - 120, LoginThrottle.WINDOW.toSeconds());
        // another user from the same address still logs in
        login("api.bob");
        AccessAuditLog audit = new AccessAuditLog(cassandra, settings.cassandraKeyspace());
        Await.until("the lockout in the access audit", Duration.ofSeconds(10),
                () -> audit.forDay(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).stream()
                        .filter(e ->
                                e.detail() != null
                                && e.detail().startsWith("user API.EVE: too many failed logins")).count(),
                n -> n == 1);
    }

    @Test
    void withAKeystoreConfiguredTheServerSpeaksOnlyHttpsWithSecureCookiesAndHsts() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "tls-test"));
        Path keystore = dir.resolve("web.p12");
        Path passwordFile = dir.resolve("web.password");
        String password = UUID.randomUUID().toString();
        Files.deleteIfExists(keystore);
        io.vitalstorm.core.config.SecretFiles.write(passwordFile, password + "\n");
        // a throwaway self-signed certificate for 127.0.0.1, made at test time (never committed)
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        Map<String, Object> tlsConf = new HashMap<>(conf);
        tlsConf.put(WebSettings.KEYSTORE_FILE.key(), keystore.toString());
        tlsConf.put(WebSettings.KEYSTORE_PASSWORD_FILE.key(), passwordFile.toString());
        // the private key's store must be the owner's only, like the password file
        Files.setPosixFilePermissions(keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Dashboard.start(settings, WebSettings.fromMap(tlsConf)))
                .hasMessageContaining(WebSettings.KEYSTORE_FILE.key()).hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (Dashboard tls = Dashboard.start(settings, WebSettings.fromMap(tlsConf))) {
            assertThat(tls.url()).startsWith("https://");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStore.getInstance(keystore.toFile(), password.toCharArray()));
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(tls.url() + "api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"api.ann\",\"password\":\""
                            + PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure").contains("HttpOnly");
            assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
            // no plain HTTP on the port
            URI plain = URI.create("http://127.0.0.1:" + tls.port() + "/api/me");
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException refused) {
                status = -1;
            }
            assertThat(status).isNotIn(200, 401);
        }
    }

    @Test
    void everyApiPathNeedsASessionAndEveryWriteTheCsrfToken() throws Exception {
        assertThat(get("/api/ward", null).statusCode()).isEqualTo(401);
        assertThat(get("/fhir/Patient/API-A1", null).statusCode()).isEqualTo(401);
        Login ann = login("api.ann");
        HttpResponse<String> noToken = post("/api/alerts/ack", new Login(ann.cookie(), null),
                "{\"patientId\":\"API-A1\",\"alertId\":\"x\"}");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(json(noToken).path("message").asText()).contains("X-CSRF-Token");
        // with the token the request gets through to the check that the alert is open
        HttpResponse<String> notOpen = post("/api/alerts/ack", ann, "{\"patientId\":\"API-A1\",\"alertId\":\"x\"}");
        assertThat(notOpen.statusCode()).isEqualTo(409);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "api/alerts/ack"))
                .header("Cookie", ann.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("patientId=API-A1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        // logged out, the cookie is worth nothing
        assertThat(post("/api/logout", ann, "{}").statusCode()).isEqualTo(200);
        assertThat(get("/api/ward", ann).statusCode()).isEqualTo(401);
    }

    @Test
    void theInboxTellsWhyEachAlertFiredAndWhenItEscalatesNext() throws Exception {
        long notified = System.currentTimeMillis() - 5 * 60_000;
        Episode ep = Episode.opened(AlertCondition.NEWS2, "API-B1-alert", RiskBand.MEDIUM, 5, notified, notified,
                "NEWS2 5 (MEDIUM) sustained over 3 readings");
        try (JedisPooled redis = RedisClients.open(settings)) {
            new RedisEpisodeStore(redis).save("API-B1", ep, true);
        }
        Login bob = login("api.bob");
        JsonNode alert = Await.until("Bea's alert in the inbox", Duration.ofSeconds(10),
                () -> json(get("/api/alerts", bob)).path("alerts"), a -> a.size() == 1).get(0);
        assertThat(alert.path("alertId").asText()).isEqualTo("API-B1-alert");
        assertThat(alert.path("firedBecause").asText()).isEqualTo("NEWS2 5 (MEDIUM) sustained over 3 readings");
        // the code defaults are in force (no thresholds document under /webapi): 15 min after the last notification
        assertThat(alert.path("escalatesAt").asLong())
                .isEqualTo(notified + Thresholds.DEFAULTS.timing().escalateAfter().toMillis());
        assertThat(alert.path("next").asText()).contains("unless acknowledged");
    }

    @Test
    void aClinicianOfAnotherWardGets403WithNothingAboutThePatient() throws Exception {
        Login bob = login("api.bob");
        for (String path : List.of("/api/patients/API-A1", "/api/patients/API-A1/series?range=day",
                "/api/patients/API-A1/readings?at=" + NOW.toEpochMilli(), "/fhir/Patient/API-A1",
                "/fhir/Observation?subject=Patient/API-A1")) {
            HttpResponse<String> r = get(path, bob);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain("Ann").doesNotContain("API-Ward-A")
                    .doesNotContain("heartRate");
        }
        assertThat(json(get("/fhir/Patient/API-A1", bob)).path("resourceType").asText()).isEqualTo("OperationOutcome");
        // the board shows only Bob's ward
        Await.until("Bob's ward on the board", Duration.ofSeconds(10),
                () -> json(get("/api/ward", bob)).path("patients"),
                p -> p.size() == 1);
        assertThat(get("/api/ward", bob).body()).doesNotContain("API-A1");
        // a data engineer sees no vitals
        Login dee = login("api.dee");
        assertThat(get("/api/patients/API-B1", dee).statusCode()).isEqualTo(403);
        assertThat(get("/api/ward", dee).statusCode()).isEqualTo(403);
    }

    @Test
    void badInputGetsAClear4xxAndTheServerGoesOn() throws Exception {
        Login ann = login("api.ann");
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("/api/patients/API-A1/series?range=decade", 400);
        cases.put("/api/patients/API-A1/series?from=yesterday", 400);
        cases.put("/api/patients/API-A1/series?from=2000-01-01&to=2026-01-01", 400);
        cases.put("/api/patients/API-A1/series?range=day&buckets=99999999999", 400);
        cases.put("/api/patients/API-A1/readings?from=2026-01-01&to=2026-02-01", 400);
        cases.put("/api/patients/" + URLEncoder.encode("<img src=x>", StandardCharsets.UTF_8), 400);
        cases.put("/api/patients/NOBODY-HERE", 404);
        cases.put("/fhir/Observation?subject=Patient/API-A1&date=xx2026", 400);
        cases.put("/fhir/Observation?subject=Patient/API-A1&_count=0", 400);
        cases.put("/fhir/Observation?subject=Patient/API-A1&_cursor=%00%01", 400);
        cases.put("/fhir/Observation", 400);
        cases.put("/api/nothing-here", 404);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = get(c.getKey(), ann);
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(c.getValue());
            JsonNode body = json(r);
            assertThat(body.has("message") || body.path("resourceType").asText().equals("OperationOutcome"))
                    .as(c.getKey()).isTrue();
        }
        HttpResponse<String> huge = post("/api/alerts/ack", ann, "{\"note\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).path("error").asText()).isEqualTo("too-costly");
        assertThat(post("/api/alerts/ack", ann, "[1,2").statusCode()).isEqualTo(400);
        assertThat(get("/api/me", ann).statusCode()).isEqualTo(200);
    }

    @Test
    void aYearRangeComesBackAsAggregatedBuckets() throws Exception {
        Login ann = login("api.ann");
        HttpResponse<String> r = get("/api/patients/API-A1/series?range=year", ann);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = json(r);
        assertThat(s.path("readings").asLong()).isEqualTo(yearReadings);
        assertThat(s.path("t").size()).isBetween(200, PatientRoutes.DEFAULT_BUCKETS);
        JsonNode hr = s.path("series").path("heartRate");
        assertThat(hr.path("min").size()).isEqualTo(s.path("t").size());
        // the last bucket holds the dense 10 minutes: 70..89
        int last = s.path("t").size() - 1;
        assertThat(hr.path("min").get(last).asDouble()).isEqualTo(70);
        assertThat(hr.path("max").get(last).asDouble()).isEqualTo(89);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        // the page-facing JSON carries the name as data; the page renders it as text
        assertThat(json(get("/api/patients/API-A1", ann)).path("patient").path("name").asText()).isEqualTo(SCRIPT_NAME);
    }

    @Test
    void fhirObservationSearchPagesThroughEveryReadingOnce() throws Exception {
        Login ann = login("api.ann");
        String from = NOW.minusSeconds(DENSE + 5).toString();
        String url = "/fhir/Observation?subject=Patient/API-A1&date=ge" + from + "&date=le" + NOW + "&_count=250";
        Set<String> ids = new HashSet<>();
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = get(url, ann);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
            JsonNode bundle = json(r);
            assertThat(bundle.path("type").asText()).isEqualTo("searchset");
            for (JsonNode e : bundle.path("entry")) {
                assertThat(ids.add(e.path("resource").path("id").asText())).isTrue();
            }
            url = null;
            for (JsonNode link : bundle.path("link")) {
                if (link.path("relation").asText().equals("next")) {
                    url = link.path("url").asText().substring(dashboard.url().length() - 1);
                }
            }
            pages++;
        }
        assertThat(ids).hasSize(DENSE);
        assertThat(pages).isEqualTo(3);
        JsonNode patient = json(get("/fhir/Patient/API-A1", ann));
        assertThat(patient.path("resourceType").asText()).isEqualTo("Patient");
        assertThat(patient.path("managingOrganization").path("display").asText()).startsWith("API-Ward-A");
    }

    /** One server-sent event. */
    private record Sse(String id, String event, String data) {
    }

    /** Reads {@code count} events from the ward stream, resuming after {@code lastEventId}, then disconnects. */
    private List<Sse> stream(Login login, String lastEventId, int count) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dashboard.url() + "api/ward/stream"))
                .header("Cookie", login.cookie()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.util.stream.Stream<String>> r = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        List<Sse> events = new ArrayList<>();
        try (java.util.stream.Stream<String> lines = r.body()) {
            java.util.Iterator<String> it = lines.iterator();
            Map<String, String> fields = new HashMap<>();
            while (events.size() < count && it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (fields.containsKey("data")) {
                        events.add(new Sse(fields.get("id"), fields.get("event"), fields.get("data")));
                    }
                    fields.clear();
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        return events;
    }

    private void newReading(PatientProfile p, Instant ts, double hr) throws Exception {
        try (JedisPooled redis = RedisClients.open(settings)) {
            new LatestStateWriter(redis).write(List.of(new News2Scorer(ScoringTables.RCP_2017)
                    .score(new EnrichedObservation(reading(p.patientId(), ts, hr), p, true))));
        }
    }

    @Test
    void aReconnectingStreamResumesAfterLastEventIdWithNothingMissedOrRepeated() throws Exception {
        Login ann = login("api.ann");
        PatientProfile p = new PatientProfile("API-A1", SCRIPT_NAME, 70, "API-Ward-A", "API-Team-A", "Dr A",
                Spo2Scale.SCALE_1, null);
        String start = json(get("/api/ward", ann)).path("lastEventId").asText();
        newReading(p, NOW.plusSeconds(1), 101);
        List<Sse> first = stream(ann, start, 1);
        assertThat(first).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("patient");
            assertThat(Json.MAPPER.readTree(e.data()).path("vitals").path("heartRate").asDouble()).isEqualTo(101);
        });
        // two readings while the page is away; the board has seen both before it comes back
        newReading(p, NOW.plusSeconds(2), 102);
        Await.until("the feed saw 102", Duration.ofSeconds(10),
                () -> json(get("/api/ward", ann)).path("patients").get(0).path("vitals").path("heartRate").asDouble(),
                hr -> hr == 102);
        newReading(p, NOW.plusSeconds(3), 103);
        Await.until("the feed saw 103", Duration.ofSeconds(10),
                () -> json(get("/api/ward", ann)).path("patients").get(0).path("vitals").path("heartRate").asDouble(),
                hr -> hr == 103);
        List<Sse> resumed = stream(ann, first.get(0).id(), 2);
        List<Double> rates = new ArrayList<>();
        for (Sse e : resumed) {
            rates.add(Json.MAPPER.readTree(e.data()).path("vitals").path("heartRate").asDouble());
        }
        assertThat(rates).containsExactly(102.0, 103.0);
        // an id from another server run cannot be resumed: the page is told to reload
        assertThat(stream(ann, "someotherrun:5", 1)).singleElement().extracting(Sse::event).isEqualTo("reset");
    }

    @Test
    void dataEngineersSeeTheDeployedSchemaWithRetentionButClinicansDoNot() throws Exception {
        Login dee = login("api.dee");
        JsonNode d = json(get("/api/catalog/datasets", dee));
        JsonNode history = null;
        for (JsonNode t : d.path("tables")) {
            if (t.path("name").asText().endsWith(".observations_by_patient_day")) {
                history = t;
            }
        }
        assertThat(history).isNotNull();
        assertThat(history.path("partitionKey").toString()).isEqualTo("[\"patient_id\",\"day\"]");
        assertThat(history.path("retentionDays").asDouble()).isEqualTo(settings.retentionDays());
        assertThat(d.path("topics").findValuesAsText("name")).contains(settings.acknowledgementsTopic());
        JsonNode archives = json(get("/api/catalog/archives?from=2026-01-01&to=2026-02-01", dee));
        assertThat(archives.path("pseudonymised").asBoolean()).isTrue();
        assertThat(get("/api/catalog/archives?from=2026-01-01&to=2029-01-01", dee).statusCode()).isEqualTo(400);
        new ArchiveCatalog(cassandra, settings.cassandraKeyspace())
                .record(new ArchiveCatalog.Entry(ArchiveCatalog.OBSERVATIONS,
                LocalDate.parse("2026-01-05"), "file:///archive/2026-01-05, \"night\".jsonl.gz", Set.of("API-A1"),
                Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T23:59:59Z"), 86_400, 1_234_567, "ab12",
                Instant.parse("2026-01-06T01:00:00Z"), "archiver", "c0ffee", "tink-aes256-gcm-hkdf-1mb"),
                List.of(new ArchiveCatalog.PatientEntry("API-A1", LocalDate.parse("2026-01-05"),
                        ArchiveCatalog.OBSERVATIONS,
                        "file:///archive/2026-01-05, \"night\".jsonl.gz", 86_400, "ab12")));
        HttpResponse<String> csv = get("/api/catalog/archives?from=2026-01-01&to=2026-02-01&format=csv", dee);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("archive-catalog-2026-01-01-2026-02-01.csv");
        assertThat(csv.body().lines().toList()).containsExactly(
                "day,kind,location,patients,rows,bytes,sha256,from,to,archivedAt,archivedBy,encryption,keyedChecksum",
                "2026-01-05,observations,\"file:///archive/2026-01-05, \"\"night\"\".jsonl.gz\",1,86400,1234567,ab12,"
                        + "2026-01-05T00:00:00Z,2026-01-05T23:59:59Z,2026-01-06T01:00:00Z,archiver,"
                        + "tink-aes256-gcm-hkdf-1mb,true");
        JsonNode day = json(get("/api/catalog/archives?from=2026-01-01&to=2026-02-01", dee)).path("archives").get(0);
        assertThat(day.path("encryption").asText()).isEqualTo("tink-aes256-gcm-hkdf-1mb");
        assertThat(day.path("keyedChecksum").asBoolean()).isTrue();
        HttpResponse<String> lines =
                get("/api/catalog/archives?from=2026-01-01&to=2026-02-01&patient=API-A1&format=jsonl", dee);
        List<String> jsonl = lines.body().lines().toList();
        assertThat(jsonl).hasSize(1);
        JsonNode row = Json.MAPPER.readTree(jsonl.get(0));
        assertThat(row.path("patient").asText()).startsWith("pseudo-").doesNotContain("API-A1")
                .as("the pseudonym of the configured key file")
                .isEqualTo(pseudonyms().of("API-A1"));
        assertThat(row.path("rows").asLong()).isEqualTo(86_400);
        assertThat(get("/api/catalog/archives?format=xml", dee).statusCode()).isEqualTo(400);
        AccessAuditLog audit = new AccessAuditLog(cassandra, settings.cassandraKeyspace());
        Await.until("both exports in the access audit", Duration.ofSeconds(10),
                () -> audit.forDay(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).stream()
                        .filter(e -> "export".equals(e.subtype()) && "api.dee".equals(e.userId())
                                && e.detail().startsWith("archive catalog export")).count(),
                n -> n == 2);
        assertThat(get("/api/catalog/datasets", login("api.ann")).statusCode()).isEqualTo(403);
    }

    @Test
    void aDataEngineerExportsAPseudonymisedReadingsSliceThatIsCountedBoundedAndAudited() throws Exception {
        Login dee = login("api.dee");
        String dense = "/api/catalog/readings?patients=API-A1,API-B1&from=" + NOW.minusSeconds(DENSE).toEpochMilli()
                + "&to=" + NOW.toEpochMilli();
        HttpResponse<String> csv = get(dense + "&format=csv", dee);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
                .contains(".csv");
        assertThat(csv.headers().firstValue("X-Pseudonymised").orElseThrow()).isEqualTo("true");
        assertThat(csv.headers().firstValue("X-Readings").orElseThrow()).isEqualTo(Integer.toString(DENSE));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(DENSE + 1);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ReadingsExport.COLUMNS));
        assertThat(lines.get(1)).startsWith(pseudonyms().of("API-A1") + ",").contains(",LOW,");
        assertThat(csv.body()).doesNotContain("API-A1").doesNotContain("Secret");
        // times shifted by the patient's whole days: the newest row is its newest reading, days away from it
        long newest = Long.parseLong(lines.get(1).split(",")[1]);
        assertThat(newest - (NOW.toEpochMilli() - 1000)).isEqualTo(pseudonyms().shift("API-A1").toMillis())
                .isNotZero();
        // a year of one patient as JSON lines: every row the header announced, newest first
        HttpResponse<String> year = get("/api/catalog/readings?patients=API-A1&format=jsonl&from="
                + NOW.minus(Duration.ofDays(365)).toEpochMilli() + "&to=" + NOW.plusSeconds(1).toEpochMilli(), dee);
        assertThat(year.statusCode()).isEqualTo(200);
        List<String> rows = year.body().lines().toList();
        assertThat(rows).hasSize(Integer.parseInt(year.headers().firstValue("X-Readings").orElseThrow()));
        assertThat(rows.size()).isGreaterThanOrEqualTo(yearReadings - 5);
        assertThat(Json.MAPPER.readTree(rows.get(0)).path("ts").asLong())
                .isGreaterThan(Json.MAPPER.readTree(rows.get(rows.size() - 1)).path("ts").asLong());
        // refusals: not a data engineer, unknown patient, bad or missing parameters, too many patients, too long
        assertThat(get(dense, login("api.ann")).statusCode()).isEqualTo(403);
        assertThat(get(dense.replace("API-B1", "API-NOBODY"), dee).statusCode()).isEqualTo(404);
        assertThat(get(dense + "&format=xml", dee).statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/readings?patients=API-A1", dee).statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/readings?from=2026-01-01&to=2026-01-02", dee).statusCode()).isEqualTo(400);
        assertThat(get(
                dense.replace("API-A1,API-B1",
                        java.net.URLEncoder.encode("<script>", java.nio.charset.StandardCharsets.UTF_8)), dee)
                        .statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/readings?from=2026-01-01&to=2026-01-02&patients="
                + "P,".repeat(CatalogRoutes.MAX_EXPORT_PATIENTS) + "P", dee).statusCode()).isEqualTo(400);
        assertThat(get("/api/catalog/readings?patients=API-A1&from=2024-01-01&to=2026-01-02", dee).statusCode())
                .isEqualTo(400);
        AccessAuditLog audit = new AccessAuditLog(cassandra, settings.cassandraKeyspace());
        Await.until("each patient's exports in their access audit", Duration.ofSeconds(10),
                () -> audit.forPatient("API-A1").stream().filter(e -> "export".equals(e.subtype())
                        && "api.dee".equals(e.userId()) && e.detail().startsWith("readings export")).count() == 2
                        && audit.forPatient("API-B1").stream().anyMatch(e -> "export".equals(e.subtype())
                        && "E".equals(e.action()) && e.detail().contains("pseudonymised")), ok -> ok);
    }

    private Pseudonyms pseudonyms() {
        return Pseudonyms.fromKeyFile(Path.of(conf.get(WebSettings.PSEUDONYM_KEY_FILE.key()).toString()));
    }

    @Test
    void aClinicianMessagesThePatientWhoSeesOnlyTheirOwnData() throws Exception {
        Login ann = login("api.ann");
        String text = "Please rest <img src=x onerror=alert(1)> and call us";
        HttpResponse<String> sent = post("/api/patients/API-A1/messages", ann,
                Json.string(Json.object().put("text", text)));
        assertThat(sent.statusCode()).isEqualTo(201);
        String messageId = json(sent).path("messageId").asText();
        try (io.vitalstorm.testsupport.KafkaTestClient kafka = new io.vitalstorm.testsupport.KafkaTestClient(
                settings.kafkaBootstrapServers())) {
            JsonNode onTopic =
                    Json.MAPPER.readTree(kafka.readAll(settings.patientAlertsTopic(), 1, Duration.ofSeconds(30)).get(0)
                            .value());
            assertThat(onTopic.path("messageId").asText()).isEqualTo(messageId);
            assertThat(onTopic.path("fromUser").asText()).isEqualTo("api.ann");
            assertThat(onTopic.path("message").asText()).isEqualTo(text);
        }
        assertThat(post("/api/patients/API-B1/messages", ann, "{\"text\":\"hi\"}").statusCode()).isEqualTo(403);
        assertThat(post("/api/patients/API-A1/messages", ann, "{\"text\":\"\"}").statusCode()).isEqualTo(400);

        Login pat = login("api.pat");
        JsonNode mine = json(get("/api/patients/API-A1/messages", pat));
        assertThat(mine.path("messages").get(0).path("text").asText()).isEqualTo(text);
        assertThat(mine.path("messages").get(0).path("from").asText()).isEqualTo("Dr Ann");
        assertThat(get("/api/patients/API-A1", pat).statusCode()).isEqualTo(200);
        assertThat(get("/api/patients/API-B1", pat).statusCode()).isEqualTo(403);
        assertThat(get("/api/ward", pat).statusCode()).isEqualTo(403);
        assertThat(post("/api/patients/API-A1/messages", pat, "{\"text\":\"hi\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void thresholdsInForceAndTheirAuditedHistoryAreReadOnlyForTheWardsOfTheUser() throws Exception {
        OperatorCredentials operator = new OperatorCredentials("api-operator", "operator-secret-for-the-test");
        try (CuratorFramework zk = CuratorClients.startAsOperator(settings.zookeeperConnect(), settings.zookeeperRoot(),
                operator)) {
            ThresholdsStore store = new ThresholdsStore(zk, settings.zookeeperRoot(), java.time.Clock.systemUTC());
            store.ensureLayout(ThresholdsScope.GLOBAL);
            int version = store.read(ThresholdsScope.GLOBAL).orElseThrow().version();
            store.set(ThresholdsScope.GLOBAL, ThresholdsJson.toJson(Thresholds.DEFAULTS), version, "api-operator",
                    "test: the defaults, on record");
        }
        Login ann = login("api.ann");
        JsonNode t = json(get("/api/thresholds?ward=API-Ward-A&patient=API-A1", ann));
        assertThat(t.path("documents").findValuesAsText("scope")).hasSize(3);
        JsonNode global = t.path("documents").get(0);
        assertThat(global.path("inForce").asBoolean()).isTrue();
        assertThat(global.path("history").findValuesAsText("why")).contains("test: the defaults, on record");
        assertThat(t.path("documents").get(1).path("inForce").asBoolean()).isFalse();
        assertThat(get("/api/thresholds?ward=API-Ward-B", ann).statusCode()).isEqualTo(403);
        assertThat(get("/api/thresholds?patient=API-B1", ann).statusCode()).isEqualTo(403);
        assertThat(get("/api/thresholds", login("api.dee")).statusCode()).isEqualTo(403);
    }

    @Test
    void patientReadsAndRefusalsAreInTheAccessAudit() throws Exception {
        Login ann = login("api.ann");
        Login bob = login("api.bob");
        assertThat(get("/api/patients/API-A1", ann).statusCode()).isEqualTo(200);
        assertThat(get("/api/patients/API-A1", bob).statusCode()).isEqualTo(403);
        AccessAuditLog audit = new AccessAuditLog(cassandra, settings.cassandraKeyspace());
        List<AccessAuditLog.Event> events = Await.until("audit events for API-A1", Duration.ofSeconds(10),
                () -> audit.forPatient("API-A1"),
                e -> e.stream().anyMatch(x -> x.userId().equals("api.bob") && x.outcome() == AuditTrail.MINOR_FAILURE)
                        && e.stream().anyMatch(x -> x.userId().equals("api.ann") && x.subtype().equals("read")));
        AccessAuditLog.Event read = events.stream()
                .filter(x -> x.userId().equals("api.ann") && x.subtype().equals("read"))
                .findFirst().orElseThrow();
        assertThat(read.action()).isEqualTo("R");
        assertThat(read.networkAddress()).isEqualTo("127.0.0.1");
        assertThat(read.query()).isEqualTo("/api/patients/API-A1");
        assertThat(read.roles()).containsExactly(User.CLINICIAN);
    }
}

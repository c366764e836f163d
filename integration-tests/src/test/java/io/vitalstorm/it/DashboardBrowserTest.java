package io.vitalstorm.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.StoredAlert;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.testsupport.Await;
import io.vitalstorm.web.Dashboard;
import io.vitalstorm.web.User;
import io.vitalstorm.web.WebSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian chromium, headless, through chromedriver) against the
 * real topology in a LocalCluster and the real servers: a clinician logs in, a deteriorating
 * patient rises to the top of the ward board, the patient page shows the chart, the clinician
 * acknowledges the alert and the ACKNOWLEDGED transition reaches the clinician topic and
 * Cassandra; a clinician of another ward gets 403 and sees nothing of the patient; a year range
 * comes back aggregated. Screenshots and measured figures go under target/dashboard/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final String WARD = "Ward-Browser";
    private static final String OTHER_WARD = "Ward-Elsewhere";
    private static final String DETER = "BR-DETER";
    private static final String NAME = "Ada <b>Bold</b> <script>window.pwned=1</script>";
    private static final List<String> STABLE = List.of("BR-S1", "BR-S2", "BR-S3");
    private static final String FULL_WARD = "Ward-Full";
    private static final int FULL_WARD_PATIENTS = 40;
    private static final int FULL_WARD_SECONDS = 20;
    private static final String PASSWORD = "browser-test-password";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path OUT = Path.of("target", "dashboard");

    private ServerClients servers;
    private LocalVitalStorm topology;
    private Dashboard dashboard;
    private WebDriver browser;
    private WebDriverWait wait;
    private final Map<String, String> report = new java.util.LinkedHashMap<>();
    private long testStarted;

    @BeforeAll
    void start() throws Exception {
        testStarted = System.nanoTime();
        Files.createDirectories(OUT);
        servers = ServerClients.open("dash");
        PatientDirectory directory = new PatientDirectory(new ProfileCache(servers.redis),
                new PatientRegistry(servers.cassandra, servers.settings.cassandraKeyspace()));
        PatientProfile deter = new PatientProfile(DETER, NAME, 71, WARD, "Team Browser", "Dr Osei",
                Spo2Scale.SCALE_1, null);
        directory.register(deter);
        for (String id : STABLE) {
            directory.register(
                    new PatientProfile(id, "Stable " + id, 50, WARD, "Team Browser", "Dr Osei",
                            Spo2Scale.SCALE_1, null));
        }
        for (int p = 0; p < FULL_WARD_PATIENTS; p++) {
            directory.register(new PatientProfile(fullWardPatient(p), "Bed " + p, 60, FULL_WARD, "Team Full", "Dr Full",
                    Spo2Scale.SCALE_1, null));
        }
        directory.register(
                new PatientProfile("BR-OTHER", "Other Ward", 40, OTHER_WARD, "Team Else", "Dr Lind",
                        Spo2Scale.SCALE_1, null));
        seedYearOfHistory(deter);

        topology = LocalVitalStorm.start(servers.infra, servers.settings, "dash", Map.of());
        Map<String, Object> conf = new HashMap<>(servers.settings.toMap());
        conf.put("vitalstorm.web.port", 0);
        dashboard = Dashboard.start(servers.settings, WebSettings.fromMap(conf));
        dashboard.accounts()
                .create("dr.ward", "Dr Ward", PASSWORD, Set.of(User.CLINICIAN), Set.of(WARD), Set.of(), null);
        dashboard.accounts()
                .create("dr.full", "Dr Full", PASSWORD, Set.of(User.CLINICIAN), Set.of(FULL_WARD), Set.of(), null);
        dashboard.accounts()
                .create("dr.else", "Dr Else", PASSWORD, Set.of(User.CLINICIAN), Set.of(OTHER_WARD), Set.of(), null);

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(OUT.toAbsolutePath(), "chromium-profile-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
    }

    /** A year of one reading an hour before today, written the way the history bolt writes it. */
    private void seedYearOfHistory(PatientProfile p) throws Exception {
        News2Scorer scorer = new News2Scorer(ScoringTables.RCP_2017);
        Instant end = Instant.now().minus(Duration.ofDays(1));
        List<ScoredObservation> rows = new ArrayList<>();
        for (int h = 0; h < 365 * 24; h += 3) {
            Instant t = end.minus(Duration.ofHours(h));
            rows.add(scorer.score(
                    new EnrichedObservation(new Observation(DETER, "seed", t.toEpochMilli(), 70.0 + h % 15,
                    16.0, 97.0, 125.0, 36.9, null, false), p, true)));
        }
        HistoryWriter history = new HistoryWriter(servers.cassandra, servers.settings.cassandraKeyspace(),
                servers.settings.retentionDays());
        Await.retrying("seeding history", 3, () -> history.write(rows).toCompletableFuture().get());
    }

    @AfterAll
    void stop() throws Exception {
        report.put("browser test duration (s)", String.format("%.1f", (System.nanoTime() - testStarted) / 1e9));
        StringBuilder sb = new StringBuilder();
        report.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        Files.writeString(OUT.resolve("report.txt"), sb.toString(), StandardCharsets.UTF_8);
        System.out.print("dashboard browser test figures:\n" + sb);
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (dashboard != null) {
                    dashboard.close();
                }
            } finally {
                if (topology != null) {
                    topology.close();
                }
                servers.close();
            }
        }
    }

    private void send(String patient, long ts, int hr, int rr, int spo2, int sbp, double temp, String acvpu, boolean o2)
            throws Exception {
        servers.kafka.send(servers.settings.vitalsTopic(), patient,
                Reading.full(patient, ts, hr, rr, spo2, sbp, temp, acvpu, o2).bytes());
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), OUT.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void login(String user) {
        browser.get(dashboard.url());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.urlContains("/ward.html"));
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
    }

    /** Read in the page in one step: the board re-renders its rows on every update. */
    private String topRow() {
        return (String) js("const r = document.querySelector('#ward-rows tr'); return r ? r.dataset.patientId : null;");
    }

    private String news2Of(String patientId) {
        return (String) js("const r = document.querySelector(\"tr[data-patient-id='\" + arguments[0] + \"']\");"
                + " return r ? r.dataset.news2 : null;", patientId);
    }

    /** Bytes the page and everything it loaded took over the wire (Resource Timing). */
    private long pageWeight() {
        return ((Number) js("const n = performance.getEntriesByType('navigation')[0];"
                + "return (n ? n.transferSize : 0) + performance.getEntriesByType('resource')"
                + ".filter(r => !r.name.includes('/stream')).reduce((s, r) => s + r.transferSize, 0);")).longValue();
    }

    @Test
    void clinicianSeesTheDeterioratingPatientRiseAcknowledgesAndAnotherWardIsRefused() throws Exception {
        long now = System.currentTimeMillis();
        // the stable patients score a little (NEWS2 1-3); the deteriorating one starts at 0
        int i = 0;
        for (String id : STABLE) {
            send(id, now - 60_000, 92 + i * 5, 14, 96, 118, 37.2, "A", false);
            i++;
        }
        send(DETER, now - 60_000, 72, 14, 98, 125, 36.9, "A", false);

        login("dr.ward");
        report.put("ward page weight (bytes)", Long.toString(pageWeight()));
        wait.until(d -> d.findElements(By.cssSelector("#ward-rows tr")).size() == 4);
        assertThat(topRow()).isNotEqualTo(DETER);
        // the name is shown as text, never run as markup
        assertThat(js("return document.querySelector(\"tr[data-patient-id='" + DETER + "'] .name\").textContent"))
                .isEqualTo(NAME);
        assertThat(js("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.getPageSource()).doesNotContain("BR-OTHER");

        // deterioration: scores 5 (alert opens) then 10
        long sent = System.currentTimeMillis();
        send(DETER, sent - 20_000, 105, 22, 95, 108, 38.0, "A", false);
        send(DETER, sent - 10_000, 118, 25, 93, 98, 38.6, "A", false);
        wait.until(d -> DETER.equals(topRow()));
        long risen = System.currentTimeMillis() - sent;
        report.put("deteriorating patient at the top of the ward view after Kafka send (ms)", Long.toString(risen));
        assertThat(risen).isLessThan(30_000);
        wait.until(d -> "10".equals(news2Of(DETER)));
        screenshot("ward");

        // reading -> screen: for each row update the page received, Redis write time -> page receipt time
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) js("return window.vsSeen['" + DETER + "']");
        long latency = ((Number) seen.get("renderedAt")).longValue() - ((Number) seen.get("updatedAt")).longValue();
        report.put("reading in Redis -> on screen, last deteriorating reading (ms)", Long.toString(latency));
        assertThat(latency).isLessThan(1_000);
        // more samples: three rounds of one new reading per stable patient, each round waited for on screen
        for (int round = 1; round <= 3; round++) {
            long ts = System.currentTimeMillis();
            for (String id : STABLE) {
                send(id, ts, 90 + round, 14, 96, 118, 37.2, "A", false);
            }
            wait.until(d -> STABLE.stream().allMatch(id -> ((Number) js("const s = window.vsSeen[arguments[0]];"
                    + " return s ? s.ts : 0;", id)).longValue() == ts));
        }
        @SuppressWarnings("unchecked")
        List<Number> all = (List<Number>) js("return window.vsLatencies.slice().sort((a, b) => a - b)");
        report.put("reading in Redis -> on screen, all live row updates (n, p50, max ms)", all.size() + ", "
                + all.get(all.size() / 2) + ", " + all.get(all.size() - 1));

        // the patient page: chart and open alert
        browser.findElement(By.cssSelector("tr[data-patient-id='" + DETER + "'] a")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("charts"), "data-range", "hour"));
        wait.until(d -> d.findElements(By.cssSelector("#charts .chart canvas")).size() == 6);
        assertThat(Integer.parseInt(browser.findElement(By.id("charts")).getAttribute("data-readings")))
                .isGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.id("patient-title")).getText()).contains(NAME);
        report.put("patient page weight (bytes)", Long.toString(pageWeight()));
        WebElement ack = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//tbody[@id='open-alerts']/tr[td[1]='NEWS2']//button[@class='ack']")));
        String alertId = ack.getAttribute("data-alert-id");
        screenshot("patient");
        ack.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//tbody[@id='open-alerts']/tr[@data-alert-id='" + alertId + "']/td[2]"), "ACKNOWLEDGED"));

        JsonNode acknowledged = Await.until("ACKNOWLEDGED on the clinician topic", WAIT,
                () -> servers.kafka.snapshot(servers.settings.clinicianAlertsTopic()).stream()
                .map(r -> parse(r.value()))
                        .filter(a ->
                                alertId.equals(a.path("alertId").asText())
                                && "ACKNOWLEDGED".equals(a.path("state").asText()))
                        .findFirst().orElse(null),
                a -> a != null);
        assertThat(acknowledged.path("acknowledgedBy").asText()).isEqualTo("dr.ward");
        AlertStore alerts = new AlertStore(servers.cassandra, servers.settings.cassandraKeyspace(),
                servers.settings.retentionDays());
        StoredAlert stored = Await.until("ACKNOWLEDGED in Cassandra", WAIT, () -> alerts.forPatient(DETER).stream()
                .filter(a -> a.alertId().equals(alertId) && a.state().equals("ACKNOWLEDGED")).findFirst().orElse(null),
                a -> a != null);
        assertThat(stored.acknowledgedBy()).isEqualTo("dr.ward");

        // a year: aggregated on the server, a few hundred points for ~2,900 readings
        long yearStarted = System.currentTimeMillis();
        browser.findElement(By.cssSelector("#ranges button[data-range='year']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("charts"), "data-range", "year"));
        wait.until(d -> d.findElements(By.cssSelector("#charts .chart canvas")).size() == 6);
        int points = Integer.parseInt(browser.findElement(By.id("charts")).getAttribute("data-points"));
        long readings = Long.parseLong(browser.findElement(By.id("charts")).getAttribute("data-readings"));
        report.put("year range: readings -> points, click to chart (ms)", readings + " -> " + points + ", "
                + (System.currentTimeMillis() - yearStarted));
        assertThat(readings).isGreaterThan(2_900);
        assertThat(points).isBetween(100, 240);
        screenshot("patient-year");

        // another ward's clinician: 403, and nothing of the patient on the page
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        login("dr.else");
        browser.get(dashboard.url() + "patient.html?id=" + DETER);
        wait.until(ExpectedConditions.attributeToBe(By.id("patient-error"), "data-status", "403"));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; fetch('/api/patients/" + DETER + "').then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(browser.getPageSource()).doesNotContain("Ada").doesNotContain("Team Browser").doesNotContain(WARD);
        screenshot("forbidden");
        browser.get(dashboard.url() + "ward.html");
        wait.until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
        assertThat(browser.getPageSource()).doesNotContain(DETER);
    }

    private static String fullWardPatient(int p) {
        return String.format("BR-F%02d", p);
    }

    /**
     * A full ward live: 40 patients at 1 Hz each written into Redis the way the score bolt's latest-state write
     * writes them, spread over each second, for 20 s; the page records, for every reading, the
     * time from its Redis write to its row being in the document (ward.js vsLatencies).
     */
    @Test
    void aFullWardAtOneHertzIsOnScreenWithinASecondOfEachRedisWrite() throws Exception {
        News2Scorer scorer = new News2Scorer(ScoringTables.RCP_2017);
        LatestStateWriter live = new LatestStateWriter(servers.redis);
        List<PatientProfile> beds = new ArrayList<>();
        for (int p = 0; p < FULL_WARD_PATIENTS; p++) {
            beds.add(new PatientProfile(fullWardPatient(p), "Bed " + p, 60, FULL_WARD, "Team Full", "Dr Full",
                    Spo2Scale.SCALE_1, null));
        }
        long first = System.currentTimeMillis();
        for (PatientProfile bed : beds) {
            live.write(List.of(fullWardReading(scorer, bed, first, 0)));
        }
        browser.get(dashboard.url());
        browser.manage().deleteAllCookies();
        login("dr.full");
        wait.until(d -> d.findElements(By.cssSelector("#ward-rows tr")).size() == FULL_WARD_PATIENTS);
        js("window.vsLatencies.length = 0");
        long lastTs = 0;
        long started = System.nanoTime();
        for (int second = 1; second <= FULL_WARD_SECONDS; second++) {
            for (int p = 0; p < FULL_WARD_PATIENTS; p++) {
                long due = started + (second - 1) * 1_000_000_000L + p * 1_000_000_000L / FULL_WARD_PATIENTS;
                long sleep = due - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
                lastTs = first + second * 1000L;
                live.write(List.of(fullWardReading(scorer, beds.get(p), lastTs, second)));
            }
        }
        long last = lastTs;
        wait.until(d -> beds.stream().allMatch(b -> ((Number) js("const s = window.vsSeen[arguments[0]];"
                + " return s && s.renderedAt ? s.ts : 0;", b.patientId())).longValue() == last));
        screenshot("ward-full");
        @SuppressWarnings("unchecked")
        List<Number> all = (List<Number>) js("return window.vsLatencies.slice().sort((a, b) => a - b)");
        int n = all.size();
        long p50 = all.get(n / 2).longValue();
        long p95 = all.get((int) Math.ceil(n * 0.95) - 1).longValue();
        long max = all.get(n - 1).longValue();
        report.put("full ward (" + FULL_WARD_PATIENTS + " patients at 1 Hz, " + FULL_WARD_SECONDS
                + " s): reading in Redis -> row drawn (n, p50, p95, max ms)", n + ", " + p50 + ", " + p95 + ", " + max);
        // the feed may fold two writes of one patient into one event; nearly every reading is drawn on its own
        assertThat(n).isGreaterThan(FULL_WARD_PATIENTS * FULL_WARD_SECONDS * 8 / 10);
        assertThat(p95).isLessThan(1_000);
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }

    private static ScoredObservation fullWardReading(News2Scorer scorer, PatientProfile bed, long ts, int second) {
        return scorer.score(new EnrichedObservation(new Observation(bed.patientId(), "band-" + bed.patientId(), ts,
                70.0 + (second + bed.patientId().hashCode()) % 20, 15.0, 97.0, 122.0, 36.8, null, false), bed, true));
    }

    private static JsonNode parse(byte[] kafkaValue) {
        try {
            return Json.MAPPER.readTree(kafkaValue);
        } catch (java.io.IOException e) {
            return Json.object();
        }
    }
}

package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.OperatorCredentials;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.config.MetricsSettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.thresholds.AlertTiming;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.metrics.PrometheusReporter;
import io.vitalstorm.web.Dashboard;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.resps.Tuple;
import sun.misc.Signal;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code vitalstorm demo}: starts real ZooKeeper, Kafka, Redis and Cassandra on loopback, runs
 * the topology in a LocalCluster, streams a simulated ward at 1 Hz per patient and shows what a
 * ward sees: events per second, alerts as they fire, the worst patients now. Stops after
 * {@code --duration} or on Ctrl-C, and cleans up everything it started.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description =
                "The whole system on this machine: ZooKeeper, Kafka, Redis and Cassandra on 127.0.0.1, the topology,"
                + " the dashboard and a simulated ward at 1 Hz per patient; alerts printed live. Ctrl-C stops early.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE,
                "130:a second Ctrl-C (exit at once)"})
public final class DemoCommand implements Callable<Integer> {

    private static final String DEMO_TOPOLOGY = "vitalstorm-demo";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "90s", converter = DurationConverter.class,
            description = "how long, e.g. 90s, 5m, 500ms or 120 (seconds) (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "40",
            description = "simulated patients (default: ${DEFAULT-VALUE})")
    private int patientCount;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8080",
            description = "the dashboard's port, 0 for any free one (default: ${DEFAULT-VALUE})")
    private int webPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "the worker's Prometheus endpoint port, 0 for any free one (default: ${DEFAULT-VALUE})")
    private int metricsPort;

    private final PrintStream out;

    private DemoCommand(Streams io) {
        this.out = io.out();
    }

    @Override
    public Integer call() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        // Ctrl-C only asks the loop to stop: the topology must go before the servers under it, which
        // concurrent JVM shutdown hooks would not guarantee. A second Ctrl-C exits at once (the
        // infrastructure's own shutdown hook still stops the servers).
        for (String signal : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(signal), sig -> {
                if (stop.getAndSet(true)) {
                    System.exit(130);
                }
                out.println("stopping (Ctrl-C again to exit at once) ...");
            });
        }
        Path work = Files.createTempDirectory("vitalstorm-demo-");
        out.println("VitalStorm demo: " + patientCount + " simulated patients at 1 Hz for " + duration.toSeconds()
                + " s (Ctrl-C stops early). Starting ZooKeeper, Kafka, Redis and Cassandra on 127.0.0.1 ...");
        long started = System.nanoTime();
        try (LocalInfrastructure infra = LocalInfrastructure.start(work)) {
            VitalStormSettings s = LocalVitalStorm.settings(infra, "demo", "vitalstorm_demo");
            WardSimulator ward = new WardSimulator(patientCount, duration.toMillis(), 42);
            prepare(s, ward);
            out.printf("infrastructure ready in %.1f s; starting the topology%n", (System.nanoTime() - started) / 1e9);
            Map<String, Object> metrics = Map.of(MetricsSettings.PROMETHEUS_PORT.key(),
                    metricsPort == 0 ? MetricsSettings.ANY_FREE_PORT : metricsPort);
            try (LocalVitalStorm topology = LocalVitalStorm.start(infra, s, DEMO_TOPOLOGY, metrics);
                 DemoTraffic traffic = new DemoTraffic(s, ward);
                 JedisPooled redis = RedisClients.open(s);
                 Dashboard dashboard = ServeCommand.startForDemo(s, webPort, infra.workDir().resolve("secrets"),
                         ward.patients().stream().map(WardSimulator.SimPatient::profile).toList(), out)) {
                DemoView view = new DemoView(out, s, traffic);
                traffic.start();
                long end = System.currentTimeMillis() + duration.toMillis();
                boolean metricsShown = false;
                while (!stop.get() && System.currentTimeMillis() < end) {
                    // the endpoint opens with the worker, a few seconds after the submit
                    if (!metricsShown) {
                        Optional<URI> endpoint = PrometheusReporter.endpoint(DEMO_TOPOLOGY);
                        endpoint.ifPresent(uri -> out.println("metrics (Prometheus): " + uri));
                        metricsShown = endpoint.isPresent();
                    }
                    view.showNewAlerts();
                    view.showStatusEvery(Duration.ofSeconds(5), () -> worst(redis));
                    Thread.sleep(250);
                }
                traffic.stopProducing();
                out.println("stopping: waiting for the topology to finish what was sent ...");
                view.drain(Duration.ofSeconds(20));
                view.summary();
            }
        }
        return ExitCodes.DONE;
    }

    /**
     * Registers the ward, and compresses the lifecycle clocks (resolve, reminder, cooldown: 1
     * minute each) so a short demo shows every transition.
     */
    private static void prepare(VitalStormSettings s, WardSimulator ward) throws Exception {
        try (CqlSession session = CassandraSessions.open(s); JedisPooled redis = RedisClients.open(s)) {
            PatientDirectory directory = new PatientDirectory(new ProfileCache(redis),
                    new PatientRegistry(session, s.cassandraKeyspace()));
            ward.patients().forEach(p -> directory.register(p.profile()));
        }
        Thresholds d = Thresholds.DEFAULTS;
        setDemoThresholds(s.zookeeperConnect(), s.zookeeperRoot(),
                new Thresholds(d.alertTrigger(), Duration.ofMinutes(1),
                d.scoring(), d.validity(), d.window(), d.trend(),
                new AlertTiming(Duration.ofMinutes(1), Duration.ofMinutes(1), d.timing().noDataAfter())));
    }

    /**
     * Writes the demo's thresholds the way an operator does (audited, operator-only ACL), as a
     * throwaway operator: the demo's ZooKeeper lives only as long as the demo.
     */
    public static void setDemoThresholds(String zookeeperConnect, String root, Thresholds thresholds) throws Exception {
        OperatorCredentials demoOperator = new OperatorCredentials("vitalstorm-demo", UUID.randomUUID().toString());
        try (CuratorFramework zk = CuratorClients.startAsOperator(zookeeperConnect, root, demoOperator)) {
            ThresholdsStore store = new ThresholdsStore(zk, root, Clock.systemUTC());
            store.ensureLayout(ThresholdsScope.GLOBAL);
            int version = store.read(ThresholdsScope.GLOBAL).orElseThrow().version();
            store.set(ThresholdsScope.GLOBAL, ThresholdsJson.toJson(thresholds), version, "vitalstorm-demo",
                    "demo: alerts resolve after " + thresholds.resolveAfter().toMinutes() + " min and remind after "
                            + thresholds.timing().escalateAfter().toMinutes() + " min so the whole lifecycle shows");
        }
    }

    private static String worst(JedisPooled redis) {
        List<Tuple> top = redis.zrevrangeWithScores(RedisKeys.riskAll(), 0, 4);
        StringBuilder sb = new StringBuilder();
        for (Tuple t : top) {
            Map<String, String> latest = redis.hgetAll(RedisKeys.latest(t.getElement()));
            sb.append(String.format("    %-6s NEWS2 %2d %-10s %-16s HR %-4s SpO2 %-4s RR %-3s%n", t.getElement(),
                    (int) t.getScore(), latest.getOrDefault("band", "?"), latest.getOrDefault("ward", "?"),
                    latest.getOrDefault("heartRate", "-"), latest.getOrDefault("spo2", "-"),
                    latest.getOrDefault("respiratoryRate", "-")));
        }
        return sb.toString();
    }

    static String describeAlert(JsonNode a) {
        return String.format("%s ALERT %-13s %-12s %-6s NEWS2 %2d %-10s %-16s %s",
                CLOCK.format(Instant.ofEpochMilli(a.path("ts").asLong())), a.path("condition").asText(),
                a.path("state").asText(), a.path("patientId").asText(), a.path("news2").asInt(),
                a.path("band").asText(),
                a.path("patient").path("ward").asText(), a.path("reason").asText());
    }

    /** {@code 90s}, {@code 5m}, {@code 500ms}, or plain seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return parseDuration(text);
        }
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("takes e.g. 90s, 5m or 120, not " + text);
        }
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            return Json.object().put("unparseable", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

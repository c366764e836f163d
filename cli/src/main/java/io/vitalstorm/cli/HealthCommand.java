package io.vitalstorm.cli;

import io.vitalstorm.core.config.MetricsSettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code vitalstorm health}: one screen saying whether readings are flowing, lagging or stalled,
 * and why — each consumer group's lag and commit rate over a short sample, and whether Kafka and
 * Redis answer. Exit status 0 when flowing, 2 when lagging, 3 when stalled or a server is down.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Is the pipeline flowing, lagging or stalled, and why: each consumer group's lag and commit rate"
                + " over a short sample, and whether Kafka and Redis answer (docs/reliability.md).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:flowing", "2:lagging", "3:stalled, or a server is down", ExitCodes.USAGE_LINE})
final class HealthCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--sample-seconds", paramLabel = "S", defaultValue = "5",
            description = "how long to watch the commits (default: ${DEFAULT-VALUE})")
    private int seconds;

    private final Streams io;

    private HealthCommand(Streams io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        VitalStormSettings s = config.settings();
        Map<String, String> down = new LinkedHashMap<>();
        try (JedisPooled redis = RedisClients.open(s)) {
            redis.ping();
        } catch (RuntimeException e) {
            down.put("redis " + s.redisHost() + ":" + s.redisPort(), e.getMessage());
        }
        Map<String, String> groups = new LinkedHashMap<>(); // group → its topic
        s.inputGroups().forEach((topic, group) -> groups.put(group, topic));
        List<PipelineHealth.GroupSample> samples = new ArrayList<>();
        Properties p = new Properties();
        p.putAll(s.kafkaClientProperties()); // SASL_SSL and TLS as configured (docs/security.md)
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.kafkaBootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(p)) {
            Map<String, long[]> before = sample(admin, groups);
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            Map<String, long[]> after = sample(admin, groups);
            for (Map.Entry<String, String> g : groups.entrySet()) {
                long[] b = before.get(g.getKey());
                long[] e = after.get(g.getKey());
                if (b != null && e != null) {
                    samples.add(
                            new PipelineHealth.GroupSample(g.getKey(), g.getValue(), b[1] - b[0], e[1] - e[0],
                                    b[0], e[0]));
                }
            }
        } catch (Exception e) {
            down.put("kafka " + s.kafkaBootstrapServers(), String.valueOf(e.getMessage()));
        }
        PipelineHealth.Report report = PipelineHealth.judge(samples, down, seconds);
        report.lines().forEach(io.out()::println);
        io.out().println(metricsPointer(config.conf()));
        return switch (report.verdict()) {
            case FLOWING -> ExitCodes.DONE;
            case LAGGING -> 2;
            case STALLED, DOWN -> 3;
        };
    }

    /** Where the workers' Prometheus endpoints are, as configured: the numbers behind this screen. */
    static String metricsPointer(Map<String, ?> conf) {
        int port = MetricsSettings.PROMETHEUS_PORT.readInt(conf);
        String host = MetricsSettings.PROMETHEUS_HOST.readStripped(conf);
        if (port == 0) {
            // the port may be in storm.yaml rather than this file: say what this file says
            return "metrics: no Prometheus port in this configuration (" + MetricsSettings.PROMETHEUS_PORT.key()
                    + ", docs/reliability.md)";
        }
        if (port == MetricsSettings.ANY_FREE_PORT) {
            return "metrics: each worker logs its Prometheus endpoint (free port on " + host + ")";
        }
        return "metrics: http://" + host + ":" + port + "/metrics on each supervisor host (+1 per further slot)";
    }

    /** Per group: {committed, end} summed over the topic's partitions; groups that never committed are left out. */
    private static Map<String, long[]> sample(Admin admin, Map<String, String> groups) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> g : groups.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.getKey())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(g.getValue()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            long end = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
            long done = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            out.put(g.getKey(), new long[] {done, end});
        }
        return out;
    }
}

package io.vitalstorm.topology.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.Timer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vitalstorm.core.config.MetricsSettings;
import org.apache.storm.Config;
import org.apache.storm.metrics2.MetricRegistryProvider;
import org.apache.storm.metrics2.TaskMetricDimensions;
import org.apache.storm.metrics2.TaskMetricRepo;
import org.apache.storm.metrics2.reporters.StormReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Storm metrics-v2 reporter that serves every metric of its worker on {@code /metrics} in the
 * Prometheus text format, read at each scrape (nothing is pushed or scheduled). Task metrics carry
 * their dimensions as labels ({@code component}, {@code task}, {@code stream}, {@code worker_port},
 * {@code host}, {@code topology}); names have every character Prometheus refuses turned into
 * '_' ({@code vitalstorm.deadLetters.MALFORMED_JSON} is {@code vitalstorm_deadLetters_MALFORMED_JSON}).
 * Configured in {@code topology.metrics.reporters}; address and port from
 * {@link MetricsSettings} in the topology configuration (port 0: the reporter does nothing).
 */
public final class PrometheusReporter implements StormReporter {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusReporter.class);
    /** Storm's dimension names and the label each becomes. */
    private static final Map<String, String> LABELS = Map.of("componentId", "component", "taskid", "task",
            "streamId", "stream", "port", "worker_port", "hostname", "host", "topologyId", "topology");
    private static final String SLOTS = "supervisor.slots.ports";
    /** storm-kafka-client's lag gauges: {@code kafkaOffset.<topic>/[partition_<n>/]<gauge>}. */
    private static final Pattern KAFKA_OFFSET = Pattern.compile("kafkaOffset\\.(.+?)/(?:partition_(\\d+)/)?(\\w+)");
    /** The reporters serving in this JVM and their URLs (LocalCluster: the demo, tests). */
    private static final Map<PrometheusReporter, String> RUNNING = new ConcurrentHashMap<>();

    private MetricRegistryProvider provider;
    private MetricRegistry registry;
    private String topologyId;
    private String host;
    private int port;
    private HttpServer server;
    private ExecutorService serverThread;
    private Collector collector;

    /**
     * The endpoint of a topology's worker in this JVM (a LocalCluster), once its reporter started.
     *
     * @param topologyName the name it was submitted under (Storm's id is the name, a counter and a time)
     */
    public static Optional<URI> endpoint(String topologyName) {
        Pattern id = Pattern.compile(Pattern.quote(topologyName) + "-\\d+-\\d+");
        return RUNNING.entrySet().stream()
                .filter(e -> e.getKey().topologyId != null && id.matcher(e.getKey().topologyId).matches())
                .map(e -> URI.create(e.getValue())).findFirst();
    }

    /**
     * Adds this reporter to {@code topology.metrics.reporters} of a topology configuration, after
     * the reporters already named there (a LocalCluster has no storm.yaml that names it).
     */
    public static void addTo(Map<String, Object> topologyConf) {
        List<Object> reporters = new ArrayList<>();
        if (topologyConf.get(Config.TOPOLOGY_METRICS_REPORTERS) instanceof List<?> existing) {
            reporters.addAll(existing);
        }
        boolean named = reporters.stream().anyMatch(r -> r instanceof Map<?, ?> m
                && PrometheusReporter.class.getName().equals(m.get("class")));
        if (!named) {
            reporters.add(Map.of("class", PrometheusReporter.class.getName()));
        }
        topologyConf.put(Config.TOPOLOGY_METRICS_REPORTERS, reporters);
    }

    @Override
    public void prepare(MetricRegistryProvider metricRegistryProvider, Map<String, Object> topoConf,
                        Map<String, Object> reporterConf) {
        provider = metricRegistryProvider;
        prepare(metricRegistryProvider.getRegistry(), topoConf, reporterConf);
    }

    /** Storm's older entry point: without the provider, metrics go out under their full names, without labels. */
    @Override
    public void prepare(MetricRegistry metricsRegistry, Map<String, Object> topoConf,
                        Map<String, Object> reporterConf) {
        registry = metricsRegistry;
        topologyId = (String) topoConf.get(Config.STORM_ID);
        host = MetricsSettings.PROMETHEUS_HOST.readStripped(topoConf);
        try {
            port = listenPort(topoConf, System.getProperty("worker.port"));
        } catch (IllegalArgumentException e) {
            // a bad metrics setting (storm.yaml is not checked at submit) must not stop the worker
            LOG.error("Prometheus metrics endpoint off: {}", e.getMessage());
            port = 0;
        }
    }

    /**
     * The port to listen on: 0 off, an OS-chosen one for -1, else the configured port plus the index
     * of this worker's port among the supervisor's slots (so two workers on one host do not collide).
     */
    static int listenPort(Map<String, ?> topoConf, String workerPort) {
        int base = MetricsSettings.PROMETHEUS_PORT.readInt(topoConf);
        if (base <= 0) {
            return base;
        }
        Object slots = topoConf.get(SLOTS);
        if (workerPort == null || !(slots instanceof List<?> list)) {
            return base;
        }
        int index = list.stream().map(p -> String.valueOf(p).strip()).toList().indexOf(workerPort.strip());
        int listen = base + Math.max(index, 0);
        if (listen > 65535) {
            throw new IllegalArgumentException(MetricsSettings.PROMETHEUS_PORT.key() + " " + base + " + slot index "
                    + index + " is beyond 65535");
        }
        return listen;
    }

    @Override
    public void start() {
        if (port == 0) {
            return;
        }
        collector = new Collector(registry);
        try {
            server = HttpServer.create(new InetSocketAddress(host, Math.max(port, 0)), 0);
        } catch (IOException e) {
            // the worker goes on without its endpoint: metrics are for operators, not for the readings
            LOG.error("Prometheus metrics endpoint could not listen on {}:{}: {}", host, port, e.toString());
            return;
        }
        server.createContext("/metrics", this::serve);
        serverThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "prometheus-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(serverThread);
        server.start();
        String url = "http://" + host + ":" + server.getAddress().getPort() + "/metrics";
        RUNNING.put(this, url);
        LOG.info("Prometheus metrics of topology {} at {}", topologyId, url);
    }

    @Override
    public void stop() {
        RUNNING.remove(this);
        if (server != null) {
            server.stop(0);
            serverThread.shutdownNow();
            server = null;
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            int status = 200;
            String text;
            try {
                text = scrape();
            } catch (RuntimeException e) {
                LOG.warn("Prometheus scrape failed", e);
                status = 500;
                text = "scrape failed: " + e + "\n";
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The exposition of every metric now: the tasks' with their labels, then any other by its full name. */
    synchronized String scrape() {
        PrometheusText text = new PrometheusText();
        Set<Metric> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (provider != null) {
            for (Map.Entry<TaskMetricDimensions, TaskMetricRepo> e : provider.getTaskMetrics().entrySet()) {
                collector.into(text, labels(e.getKey().getDimensions()), seen);
                e.getValue().report(collector, MetricFilter.ALL);
            }
        }
        new TreeMap<>(registry.getMetrics()).forEach((name, metric) -> {
            if (!seen.contains(metric)) {
                text.add(name, Map.of(), metric);
            }
        });
        return text.render();
    }

    private static Map<String, String> labels(Map<String, String> dimensions) {
        Map<String, String> labels = new TreeMap<>();
        dimensions.forEach((k, v) -> {
            if (v != null) {
                labels.put(LABELS.getOrDefault(k, k), v);
            }
        });
        return labels;
    }

    /** One family per lag gauge across topics and partitions: the topic and partition become labels. */
    private static Map<String, String> kafkaLabels(Map<String, String> labels, Matcher kafka) {
        Map<String, String> l = new TreeMap<>(labels);
        l.put("topic", kafka.group(1));
        if (kafka.group(2) != null) {
            l.put("partition", kafka.group(2));
        }
        return l;
    }

    /**
     * Storm hands a task's metrics out only to a {@link ScheduledReporter}: this one is never
     * started, it copies what it is given into the exposition being built.
     */
    private static final class Collector extends ScheduledReporter {

        private PrometheusText text;
        private Map<String, String> labels;
        private Set<Metric> seen;

        Collector(MetricRegistry registry) {
            super(registry, "prometheus", MetricFilter.ALL, TimeUnit.SECONDS, TimeUnit.SECONDS);
        }

        void into(PrometheusText target, Map<String, String> targetLabels, Set<Metric> seenMetrics) {
            text = target;
            labels = targetLabels;
            seen = seenMetrics;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void report(SortedMap<String, Gauge> gauges, SortedMap<String, Counter> counters,
                           SortedMap<String, Histogram> histograms, SortedMap<String, Meter> meters,
                           SortedMap<String, Timer> timers) {
            for (SortedMap<String, ? extends Metric> metrics : List.of(gauges, counters, histograms, meters, timers)) {
                metrics.forEach((name, metric) -> {
                    seen.add(metric);
                    Matcher kafka = KAFKA_OFFSET.matcher(name);
                    if (kafka.matches()) {
                        text.add("kafkaOffset." + kafka.group(3), kafkaLabels(labels, kafka), metric);
                    } else {
                        text.add(name, labels, metric);
                    }
                });
            }
        }
    }
}

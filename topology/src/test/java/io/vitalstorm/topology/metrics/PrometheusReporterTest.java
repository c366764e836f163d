package io.vitalstorm.topology.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import io.vitalstorm.core.config.MetricsSettings;
import org.apache.storm.Config;
import org.apache.storm.metrics2.StormMetricRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusReporterTest {

    private static final String PORT = MetricsSettings.PROMETHEUS_PORT.key();

    /** Started as a worker starts it (from topology.metrics.reporters), scraped over HTTP twice. */
    @Test
    void servesTheWorkersMetricsWithTheirDimensionsAsLabels() throws Exception {
        StormMetricRegistry registry = new StormMetricRegistry();
        registry.start(Map.of(Config.STORM_ID, "prom-test-1-1700000000", PORT, MetricsSettings.ANY_FREE_PORT,
                Config.TOPOLOGY_METRICS_REPORTERS, List.of(Map.of("class", PrometheusReporter.class.getName()))), 6700);
        try {
            URI uri = PrometheusReporter.endpoint("prom-test").orElseThrow();
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(PrometheusReporter.endpoint("prom")).as("another topology's name").isEmpty();
            Counter dead = registry.counter("vitalstorm.deadLetters.MALFORMED_JSON", "parse", 5);
            AtomicLong lag = new AtomicLong(12);
            registry.gauge("kafkaOffset.e2e.vitals/partition_3/spoutLag", (Gauge<Long>) lag::get, "vitals-spout", 2);
            registry.gauge("kafkaOffset.e2e.vitals/totalSpoutLag", (Gauge<Long>) lag::get, "vitals-spout", 2);
            dead.inc(2);

            HttpResponse<String> first = get(uri);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).contains(PrometheusText.CONTENT_TYPE);
            assertThat(first.body()).contains("# TYPE vitalstorm_deadLetters_MALFORMED_JSON counter\n")
                    .containsPattern("vitalstorm_deadLetters_MALFORMED_JSON\\{component=\"parse\",host=\"[^\"]+\","
                            + "task=\"5\",topology=\"prom-test-1-1700000000\",worker_port=\"6700\"} 2\n")
                    .containsPattern("kafkaOffset_spoutLag\\{component=\"vitals-spout\",host=\"[^\"]+\","
                            + "partition=\"3\",task=\"2\",topic=\"e2e.vitals\",topology=\"[^\"]+\","
                            + "worker_port=\"6700\"} 12\n")
                    .containsPattern("kafkaOffset_totalSpoutLag\\{component=\"vitals-spout\",[^}]*topic=\"e2e.vitals\""
                            + "[^}]*} 12\n")
                    // each metric once: the registry's full names of the same metrics are not repeated
                    .doesNotContain("storm_worker");

            dead.inc();
            lag.set(0);
            assertThat(get(uri).body()).containsPattern("vitalstorm_deadLetters_MALFORMED_JSON\\{[^}]*} 3\n")
                    .containsPattern("kafkaOffset_spoutLag\\{[^}]*} 0\n");
        } finally {
            registry.stop();
        }
        assertThat(PrometheusReporter.endpoint("prom-test")).isEmpty();
    }

    @Test
    void portZeroOrABadPortServesNothingAndTheWorkerStarts() {
        for (Object port : List.of(0, "seventy")) {
            StormMetricRegistry registry = new StormMetricRegistry();
            registry.start(Map.of(Config.STORM_ID, "prom-off-1-1700000000", PORT, port,
                    Config.TOPOLOGY_METRICS_REPORTERS, List.of(Map.of("class", PrometheusReporter.class.getName()))),
                    6700);
            try {
                assertThat(PrometheusReporter.endpoint("prom-off")).as("port %s", port).isEmpty();
            } finally {
                registry.stop();
            }
        }
    }

    @Test
    void aConfiguredPortIsOffsetByTheWorkersSlot() {
        Map<String, Object> conf = Map.of(PORT, 7700, "supervisor.slots.ports", List.of(6700, 6701));
        assertThat(PrometheusReporter.listenPort(conf, "6700")).isEqualTo(7700);
        assertThat(PrometheusReporter.listenPort(conf, "6701")).isEqualTo(7701);
        // not started by a supervisor (LocalCluster): the configured port
        assertThat(PrometheusReporter.listenPort(conf, null)).isEqualTo(7700);
        assertThat(PrometheusReporter.listenPort(Map.of(PORT, -1), "6700")).isEqualTo(-1);
        assertThat(PrometheusReporter.listenPort(Map.of(), "6700")).isZero();
        assertThatThrownBy(() -> PrometheusReporter.listenPort(Map.of(PORT, 65535, "supervisor.slots.ports",
                List.of(6700, 6701)), "6701")).hasMessageContaining(PORT);
    }

    @Test
    void addToKeepsTheReportersAlreadyNamedAndAddsItselfOnce() {
        Map<String, Object> jmx = Map.of("class", "org.apache.storm.metrics2.reporters.JmxStormReporter");
        Map<String, Object> conf = new HashMap<>(Map.of(Config.TOPOLOGY_METRICS_REPORTERS, List.of(jmx)));
        PrometheusReporter.addTo(conf);
        PrometheusReporter.addTo(conf);
        assertThat(conf.get(Config.TOPOLOGY_METRICS_REPORTERS))
                .isEqualTo(List.of(jmx, Map.of("class", PrometheusReporter.class.getName())));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.vitalstorm.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthCommandTest {

    private static final String PORT = "vitalstorm.metrics.prometheus.port";

    @Test
    void pointsToTheWorkersPrometheusEndpointAsConfigured() {
        assertThat(HealthCommand.metricsPointer(Map.of(PORT, 7700, "vitalstorm.metrics.prometheus.host", "10.0.0.5")))
                .isEqualTo("metrics: http://10.0.0.5:7700/metrics on each supervisor host (+1 per further slot)");
        assertThat(HealthCommand.metricsPointer(Map.of(PORT, -1)))
                .contains("logs its Prometheus endpoint", "127.0.0.1");
        assertThat(HealthCommand.metricsPointer(Map.of())).contains("no Prometheus port", PORT);
        assertThatThrownBy(() -> HealthCommand.metricsPointer(Map.of(PORT, 70000))).hasMessageContaining(PORT);
    }
}

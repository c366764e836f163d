package io.vitalstorm.core.config;

import java.util.List;

/**
 * Where each worker serves its Storm metrics in the Prometheus text format (read by the
 * topology's Prometheus reporter; docs/reliability.md "Metrics").
 */
public final class MetricsSettings {

    /** The value of {@link #PROMETHEUS_PORT} that lets the operating system pick a free port. */
    public static final int ANY_FREE_PORT = -1;

    public static final Setting.Whole PROMETHEUS_PORT = new Setting.Whole("vitalstorm.metrics.prometheus.port", 0,
            ANY_FREE_PORT, 65535,
            "Port of the workers' Prometheus endpoint (/metrics) when the reporter is configured: 0 off; N: the worker "
                    + "in the i-th port of supervisor.slots.ports listens on N + i (i = 0 outside a supervisor, e.g. "
                    + "LocalCluster); -1 a free port, logged by the worker (tests, the demo).");
    public static final Setting.Text PROMETHEUS_HOST = new Setting.Text("vitalstorm.metrics.prometheus.host",
            "127.0.0.1", "Listen address of the workers' Prometheus endpoint (loopback: scrape on the host or through "
                    + "a proxy; 0.0.0.0 for a Prometheus server elsewhere).");

    public static final List<Setting> ALL = List.of(PROMETHEUS_PORT, PROMETHEUS_HOST);

    private MetricsSettings() {
    }
}

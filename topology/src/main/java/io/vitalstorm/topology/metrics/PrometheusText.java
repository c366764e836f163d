package io.vitalstorm.topology.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Dropwizard metrics in the Prometheus text exposition format (version 0.0.4): counters and
 * meters as counters, numeric and boolean gauges as gauges, histograms and timers (in seconds)
 * as summaries. Samples of one name from several tasks share one family (one TYPE line), as the
 * format requires; a name already taken by another type keeps its first type and the other
 * samples are left out.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");
    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private record Family(String type, List<String> samples) {
    }

    private final Map<String, Family> families = new TreeMap<>();

    /** A metric name as Prometheus allows it: every character but letters, digits and '_' becomes '_'. */
    static String name(String raw) {
        String n = INVALID.matcher(raw).replaceAll("_");
        return n.isEmpty() || Character.isDigit(n.charAt(0)) ? "_" + n : n;
    }

    /** Adds one metric's samples under {@code rawName} (made valid) with {@code labelValues}. */
    void add(String rawName, Map<String, String> labelValues, Metric metric) {
        String n = name(rawName);
        String labels = labels(labelValues);
        if (metric instanceof Counter c) {
            sample(n, "counter", n, labels, c.getCount());
        } else if (metric instanceof Meter m) {
            sample(n, "counter", n, labels, m.getCount());
        } else if (metric instanceof Timer t) {
            summary(n + "_seconds", labels, t.getSnapshot(), t.getCount(), NANOS_PER_SECOND);
        } else if (metric instanceof Histogram h) {
            summary(n, labels, h.getSnapshot(), h.getCount(), 1);
        } else if (metric instanceof Gauge<?> g) {
            Double v = gaugeValue(g);
            if (v != null) {
                sample(n, "gauge", n, labels, v);
            }
        }
    }

    /** The whole exposition, families sorted by name. */
    String render() {
        StringBuilder out = new StringBuilder();
        families.forEach((n, f) -> {
            out.append("# TYPE ").append(n).append(' ').append(f.type()).append('\n');
            f.samples().forEach(s -> out.append(s).append('\n'));
        });
        return out.toString();
    }

    /** {@code {k="v",...}} with names made valid and values escaped; empty for no labels. */
    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(name(k)).append("=\"").append(escape(v)).append('"');
        });
        return b.append('}').toString();
    }

    /** {@code labels} with a summary's {@code quantile} label added. */
    private static String withQuantile(String labels, double q) {
        String quantile = "quantile=\"" + q + "\"";
        return labels.isEmpty() ? "{" + quantile + "}"
                : labels.substring(0, labels.length() - 1) + "," + quantile + "}";
    }

    private void summary(String n, String labels, Snapshot s, long count, double divisor) {
        for (double q : QUANTILES) {
            sample(n, "summary", n, withQuantile(labels, q), s.getValue(q) / divisor);
        }
        sample(n, "summary", n + "_count", labels, count);
    }

    private void sample(String family, String type, String n, String labels, double value) {
        Family f = families.computeIfAbsent(family, k -> new Family(type, new ArrayList<>()));
        if (f.type().equals(type)) {
            f.samples().add(n + labels + " " + number(value));
        }
    }

    /** A gauge's value as a number; null for non-numeric values and gauges that throw (a lag gauge without Kafka). */
    private static Double gaugeValue(Gauge<?> g) {
        Object v;
        try {
            v = g.getValue();
        } catch (RuntimeException unavailable) {
            return null;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

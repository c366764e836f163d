package io.vitalstorm.bench.report;

import io.vitalstorm.bench.measure.LatencyStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders a {@link BenchReport} as {@code report.md} plus PNG charts in one directory. */
public final class ReportWriter {

    /** The latency target of issue 6: p99 at half the maximum rate. */
    static final double TARGET_P99_MS = 100;
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_BYTES_PER_PATIENT = 1024;
    /** Issue 15: the topology at least 1.5 times the Flink peer's records/s, at most 40 µs of CPU per reading. */
    static final double TARGET_FLINK_RATIO = 1.5;
    static final double TARGET_CPU_MICROS = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportWriter() {
    }

    public static void write(BenchReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(r));
        if (!r.throughput().isEmpty()) {
            scalingChart(r).writePng(dir.resolve("scaling.png"));
            heapChart(r).writePng(dir.resolve("heap.png"));
        }
        if (r.latency() != null && !r.latency().rates().isEmpty()) {
            latencyChart(r).writePng(dir.resolve("latency.png"));
        }
    }

    public static String markdown(BenchReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# VitalStorm benchmark report, ").append(TIME.format(r.started())).append("\n\n");
        md.append("Command: `").append(r.command()).append("` (preset `").append(r.preset()).append("`), ")
                .append(TIME.format(r.started())).append(" to ").append(TIME.format(r.finished())).append(".\n\n");
        MachineInfo m = r.machine();
        md.append("Machine: ").append(m.cores()).append(" cores (").append(m.cpuModel()).append("), ")
                .append(m.memoryMiB()).append(" MiB RAM, ").append(m.jdk()).append(" (max heap ").append(m.heapMaxMiB())
                .append(" MiB), ").append(m.os()).append(". ")
                .append("Load average (1/5/15 min) ").append(r.loadAtStart()).append(" at the start, ")
                .append(r.loadAtEnd())
                .append(" at the end. ZooKeeper and Kafka run inside the benchmark JVM, Redis and ")
                .append("Cassandra as child processes, all on this machine, as does the topology (one worker, "
                        + "LocalCluster).\n\n");
        summary(md, r);
        micro(md, r);
        throughput(md, r);
        flink(md, r);
        latency(md, r);
        memory(md, r);
        settings(md, r);
        if (r.tuningNotes() != null && !r.tuningNotes().isBlank()) {
            md.append("## Tuning\n\n").append(r.tuningNotes().strip()).append("\n");
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, BenchReport r) {
        md.append("## Summary\n\n");
        BenchReport.Throughput main = mainPoint(r);
        if (main != null) {
            md.append(f(
                    "- **Topology/limit ratio %.2f** at %,d patients (target ≥ %.1f): topology %,.0f records/s, limit "
                    + "%,.0f records/s.%n",
                    main.ratio(), main.patients(), TARGET_RATIO, main.topologyPerSecond(), main.limitPerSecond()));
            peer(r, main.patients()).ifPresent(p -> md.append(f(
                    "- **Topology/Flink ratio %.2f** at %,d patients (target ≥ %.1f): Flink %,.0f records/s; CPU µs "
                    + "per record topology / limit / Flink **%,.0f / %,.0f / %,.0f** (target ≤ %.0f).%n",
                    main.topologyPerSecond() / p.perSecond(), main.patients(), TARGET_FLINK_RATIO, p.perSecond(),
                    main.topologyCpuMicrosPerRecord(), main.limitCpuMicrosPerRecord(), p.cpuMicrosPerRecord(),
                    TARGET_CPU_MICROS)));
        } else if (!r.flink().isEmpty()) {
            BenchReport.Peer p = r.flink().get(r.flink().size() - 1);
            md.append(f("- Flink peer alone: %,.0f records/s at %,d patients, %,.0f µs CPU per record.%n",
                    p.perSecond(), p.patients(), p.cpuMicrosPerRecord()));
        }
        if (r.latency() != null) {
            for (BenchReport.Rate rate : r.latency().rates()) {
                md.append(f(
                        "- At %.0f %% of the maximum (%,.0f records/s): reading → Redis p99 %s ms, reading → alert "
                        + "published p99 %s ms%s.%n",
                        rate.fractionOfMax() * 100, rate.offeredPerSecond(), ms(rate.redisUpdated().p99()),
                        ms(rate.alertPublished().p99()), rate.keptUp() ? "" : " (**did not keep up**)"));
            }
        }
        if (r.footprint() != null) {
            md.append(f("- Engine state per patient after %d readings each: **%,.0f bytes** (target ≤ %.0f).%n",
                    r.footprint().readingsPerPatient(), r.footprint().bytesPerPatient(), TARGET_BYTES_PER_PATIENT));
        }
        if (r.churn() != null) {
            md.append(f(
                    "- Patient churn: %,d distinct patients through one engine over a simulated day, live heap in "
                    + "steady "
                    + "state **%.0f–%.0f MiB**, engine maps empty once all are silent (%,d + %,d patients left).%n",
                    r.churn().patients(), r.churn().steadyMinBytes() / 1048576.0,
                    r.churn().steadyMaxBytes() / 1048576.0,
                    r.churn().end().riskPatients(), r.churn().end().alertPatients()));
        }
        md.append("- ").append(bottleneck(r)).append("\n\n");
    }

    /** Which resource runs out first, from what was measured. */
    static String bottleneck(BenchReport r) {
        BenchReport.Throughput main = mainPoint(r);
        if (main == null) {
            return "No throughput measured.";
        }
        double cores = main.cores();
        String busiest = main.cpuSeconds().entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> f("%s (%.0f %% of all CPU used)", e.getKey(),
                        100 * e.getValue() / (cores * main.topologySeconds())))
                .orElse("?");
        double patientsByCpu = main.topologyPerSecond() / recordsPerPatientSecond();
        String s = f("CPU runs out first: the topology run kept %.2f of %d cores busy, the busiest process being %s; "
                + "at the measured %,.0f records/s this machine keeps up with about %,.0f patients at 1 Hz",
                cores, r.machine().cores(), busiest, main.topologyPerSecond(), patientsByCpu);
        if (r.footprint() != null && r.footprint().bytesPerPatient() > 0) {
            double heapBudget = r.machine().heapMaxMiB() * 1048576.0;
            s += f(", while the engine state of %,.0f patients would fill only %.0f MiB of heap (%,.0f bytes each)",
                    patientsByCpu, patientsByCpu * r.footprint().bytesPerPatient() / 1048576.0,
                    r.footprint().bytesPerPatient());
            s += f("; half of the %.0f MiB heap would hold the state of about %,.0f patients", heapBudget / 1048576.0,
                    heapBudget / 2 / r.footprint().bytesPerPatient());
        }
        BenchReport.Throughput largest = r.throughput().get(r.throughput().size() - 1);
        if (largest != main && largest.cores() < 0.85 * r.machine().cores()) {
            s += f(". At %,d patients the topology kept only %.2f cores busy and made %,.0f records/s: there the "
                    + "per-record waits on Redis and Cassandra, which grow with the ward (first sight of each patient, "
                    + "profile-cache misses), limit it before the CPU does", largest.patients(), largest.cores(),
                    largest.topologyPerSecond());
        }
        return s + ".";
    }

    /**
     * Records per patient per second of the ward stream: one wrist band reading plus the occasional cuff and nurse set.
     */
    static double recordsPerPatientSecond() {
        return 1.0 + 1.0 / (15 * 60) + 1.0 / (4 * 3600);
    }

    private static BenchReport.Throughput mainPoint(BenchReport r) {
        if (r.latency() != null) {
            for (BenchReport.Throughput t : r.throughput()) {
                if (t.patients() == r.latency().patients()) {
                    return t;
                }
            }
        }
        return r.throughput().isEmpty() ? null : r.throughput().get(r.throughput().size() - 1);
    }

    private static void micro(StringBuilder md, BenchReport r) {
        if (r.micro().isEmpty()) {
            return;
        }
        md.append("## Micro-benchmarks (JMH, one thread, `-prof gc`)\n\n| benchmark | ns/op | ± | B/op "
                + "|\n|---|---:|---:|---:|\n");
        for (BenchReport.Micro b : r.micro()) {
            md.append(f("| %s | %,.1f | %,.1f | %,.0f |%n", b.name(), b.nsPerOp(), b.nsError(), b.bytesPerOp()));
        }
        md.append("\n");
    }

    private static void throughput(StringBuilder md, BenchReport r) {
        if (r.throughput().isEmpty()) {
            return;
        }
        md.append("## End-to-end throughput: topology against the limit\n\n")
                .append("The same pre-loaded records (ward stream, about 2 % junk) go through the single-threaded "
                        + "no-Storm ")
                .append("limit loop and through the topology (LocalCluster, at-least-once, all sinks on), each "
                        + "starting with ")
                .append("empty Redis and Cassandra tables. Records/s counts from the first record processed to the "
                        + "moment ")
                .append("every offset is committed (Kafka AdminClient). CPU µs/record sums every process (this JVM "
                        + "with ")
                .append("Storm, Kafka and ZooKeeper; Redis; Cassandra) over each run: on a shared machine it is the "
                        + "steadier ")
                .append("measure of what the work costs. Cores and CPU by process are over the topology run.\n\n")
                .append("| patients | records | limit rec/s | topology rec/s | Flink rec/s | ratio | topology/Flink "
                        + "| CPU µs/rec limit / topology / Flink | dead letters "
                        + "| alerts limit / topology / Flink | cores used | CPU s by process | peak heap MiB |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (BenchReport.Throughput t : r.throughput()) {
            Optional<BenchReport.Peer> p = peer(r, t.patients());
            md.append(f(
                    "| %,d | %,d | %,.0f | %,.0f | %s | **%.2f** | %s | %,.0f / %,.0f / %s | %,d | %,d / %,d / %s "
                    + "| %.2f | %s | %,d |%n",
                    t.patients(), t.records(), t.limitPerSecond(), t.topologyPerSecond(),
                    p.map(x -> f("%,.0f", x.perSecond())).orElse("–"), t.ratio(),
                    p.map(x -> f("%.2f", t.topologyPerSecond() / x.perSecond())).orElse("–"),
                    t.limitCpuMicrosPerRecord(), t.topologyCpuMicrosPerRecord(),
                    p.map(x -> f("%,.0f", x.cpuMicrosPerRecord())).orElse("–"), t.deadLetters(), t.limitAlerts(),
                    t.topologyAlerts(), p.map(x -> f("%,d", x.alerts())).orElse("–"), t.cores(), cpu(t.cpuSeconds()),
                    t.peakHeapBytes() >> 20));
        }
        md.append("\n![throughput by patients](scaling.png)\n\n");
    }

    /** The Flink peer's runs on their own: its CPU by process (the Flink JVM as {@code flink}). */
    private static void flink(StringBuilder md, BenchReport r) {
        if (r.flink().isEmpty()) {
            return;
        }
        md.append("## The Flink peer\n\n")
                .append("The same pre-loaded records through the same work on Apache Flink (`bench-flink`: a "
                        + "MiniCluster in a JVM of its own, Kafka source from the earliest offset to the end offsets "
                        + "at start, keyed by patient into the score and alert bolts' own steps (storage "
                        + "`ScoreStep`, `AlertStep`: first-seen patients rebuilt from Cassandra as in the topology), "
                        + "then the storage module's Redis and Cassandra writers and a Kafka "
                        + "sink for alerts and dead letters; checkpoints every 10 s, hashmap state backend), from "
                        + "empty sinks. Records/s and CPU from the first record processed (first latest-state write) "
                        + "to the job's end; CPU sums every process, the Flink JVM as `flink`.\n\n")
                .append("| patients | records | rec/s | seconds | CPU µs/rec | cores used | alerts "
                        + "| CPU s by process |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (BenchReport.Peer p : r.flink()) {
            md.append(f("| %,d | %,d | %,.0f | %.1f | %,.0f | %.2f | %,d | %s |%n", p.patients(), p.records(),
                    p.perSecond(), p.seconds(), p.cpuMicrosPerRecord(), p.cores(), p.alerts(), cpu(p.cpuSeconds())));
        }
        md.append("\n");
    }

    private static Optional<BenchReport.Peer> peer(BenchReport r, int patients) {
        return r.flink().stream().filter(p -> p.patients() == patients).findFirst();
    }

    private static String cpu(Map<String, Double> seconds) {
        StringBuilder cpu = new StringBuilder();
        seconds.forEach((k, v) -> cpu.append(cpu.length() == 0 ? "" : ", ").append(f("%s %.1f", k, v)));
        return cpu.toString();
    }

    private static void latency(StringBuilder md, BenchReport r) {
        if (r.latency() == null) {
            return;
        }
        md.append(f(
                "## Latency at fixed offered rates%n%nThe running topology (%,d patients) is offered live records at a "
                + "fixed "
                + "fraction of its measured maximum (%,.0f records/s), event time = Kafka record time = send time. "
                + "Redis: reading time → `vs:latest:<pid>` `updatedAt` (random sample of updates). Alerts: reading "
                + "time → "
                + "clinician-topic record timestamp (published) and → received by a consumer (consumed). Kafka only: "
                + "reading "
                + "time → the vitals record itself read back by a plain consumer, Kafka's share of the path. "
                + "Milliseconds.%n%n",
                r.latency().patients(), r.latency().maxPerSecond()));
        md.append("| offered | rec/s offered | rec/s sent | Kafka only p50 / p99 | Redis n | p50 | p99 | p99.9 | max | "
                + "alerts n | published p50 | p99 | p99.9 | max | consumed p99 |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchReport.Rate x : r.latency().rates()) {
            LatencyStats.Summary red = x.redisUpdated();
            LatencyStats.Summary pub = x.alertPublished();
            md.append(f(
                    "| %.0f %% | %,.0f | %,.0f%s | %s / %s | %,d | %s | %s | %s | %s | %,d | %s | %s | %s | %s | %s "
                    + "|%n",
                    x.fractionOfMax() * 100, x.offeredPerSecond(), x.sentPerSecond(), x.keptUp() ? "" : " (behind)",
                    ms(x.kafkaOnly().p50()), ms(x.kafkaOnly().p99()), red.count(), ms(red.p50()), ms(red.p99()),
                    ms(red.p999()), ms(red.max()), pub.count(), ms(pub.p50()),
                    ms(pub.p99()), ms(pub.p999()), ms(pub.max()), ms(x.alertConsumed().p99())));
        }
        md.append(f("%nTarget: p99 ≤ %.0f ms at 50 %%. With few alert samples p99.9 is close to the maximum.%n%n",
                TARGET_P99_MS));
        md.append("![latency by offered rate](latency.png)\n\n");
    }

    private static void memory(StringBuilder md, BenchReport r) {
        md.append("## Memory and scaling\n\n");
        if (!r.throughput().isEmpty()) {
            md.append("Live heap of the benchmark JVM (live objects in its class histogram, after a full GC) before "
                    + "the topology started and after it processed ")
                    .append("every record; the difference covers everything the topology keeps per patient (alert "
                            + "episodes, ")
                    .append("profile cache, windows) plus fixed overheads, which dominate at small sizes.\n\n")
                    .append("| patients | topology rec/s | live heap before MiB | after MiB | (after − before) / "
                            + "patient B | growth per added patient B |\n")
                    .append("|---:|---:|---:|---:|---:|---:|\n");
            BenchReport.Throughput prev = null;
            for (BenchReport.Throughput t : r.throughput()) {
                String slope = prev == null ? "–" : f("%,.0f", (double) ((t.liveHeapAfter() - t.liveHeapBefore())
                        - (prev.liveHeapAfter() - prev.liveHeapBefore())) / (t.patients() - prev.patients()));
                md.append(f("| %,d | %,.0f | %,d | %,d | %,.0f | %s |%n", t.patients(), t.topologyPerSecond(),
                        t.liveHeapBefore() >> 20, t.liveHeapAfter() >> 20, t.heapBytesPerPatient(), slope));
                prev = t;
            }
            md.append("\n![heap by patients](heap.png)\n\n");
        }
        if (r.footprint() != null) {
            md.append(f(
                    "Steady-state engine state, measured without Storm: %,d patients, %d readings each (past the "
                    + "5-minute "
                    + "window, so windows are full), through the same profile cache and score + alert step as the "
                    + "limit loop: "
                    + "**%,.0f bytes per patient**.%n%n", r.footprint().patients(), r.footprint().readingsPerPatient(),
                    r.footprint().bytesPerPatient()));
        }
        if (r.churn() != null) {
            md.append("Memory under patient churn (no Storm, no servers; the engine as the bolts run it, with the "
                    + "silence check "
                    + "and eviction; see `ChurnFootprint`):\n\n```\n").append(r.churn().describe()).append("```\n\n");
        }
        md.append(bottleneck(r)).append("\n\n");
    }

    private static void settings(StringBuilder md, BenchReport r) {
        md.append("## Settings used\n\n| Storm / topology key | value |\n|---|---|\n");
        r.stormSettings().forEach((k, v) -> md.append("| `").append(k).append("` | `").append(v).append("` |\n"));
        md.append("\n| Kafka consumer (spout and limit loop) | value |\n|---|---|\n");
        r.kafkaConsumerSettings()
                .forEach((k, v) -> md.append("| `").append(k).append("` | `").append(v).append("` |\n"));
        md.append("\n");
    }

    private static LineChart scalingChart(BenchReport r) {
        List<BenchReport.Throughput> t = r.throughput();
        double[] x = t.stream().mapToDouble(BenchReport.Throughput::patients).toArray();
        LineChart chart = new LineChart("Throughput by ward size", "patients", "records/s", true)
                .add(new LineChart.Series("limit (no Storm)", x,
                        t.stream().mapToDouble(BenchReport.Throughput::limitPerSecond).toArray()))
                .add(new LineChart.Series("topology", x,
                        t.stream().mapToDouble(BenchReport.Throughput::topologyPerSecond).toArray()));
        if (!r.flink().isEmpty()) {
            chart.add(new LineChart.Series("Flink", r.flink().stream().mapToDouble(BenchReport.Peer::patients)
                    .toArray(), r.flink().stream().mapToDouble(BenchReport.Peer::perSecond).toArray()));
        }
        return chart.xFormat(v -> f("%,.0f", v));
    }

    private static LineChart heapChart(BenchReport r) {
        List<BenchReport.Throughput> t = r.throughput();
        double[] x = t.stream().mapToDouble(BenchReport.Throughput::patients).toArray();
        return new LineChart("Live heap by ward size", "patients", "MiB", true)
                .add(new LineChart.Series("after the run", x,
                        t.stream().mapToDouble(p -> p.liveHeapAfter() / 1048576.0).toArray()))
                .add(new LineChart.Series("before the topology", x,
                        t.stream().mapToDouble(p -> p.liveHeapBefore() / 1048576.0).toArray()))
                .xFormat(v -> f("%,.0f", v));
    }

    private static LineChart latencyChart(BenchReport r) {
        List<BenchReport.Rate> rates = r.latency().rates();
        double[] x = rates.stream().mapToDouble(p -> p.fractionOfMax() * 100).toArray();
        return new LineChart("Latency by offered load", "% of maximum throughput", "ms", false)
                .add(new LineChart.Series("Redis p50", x,
                        rates.stream().mapToDouble(p -> p.redisUpdated().p50()).toArray()))
                .add(new LineChart.Series("Redis p99", x,
                        rates.stream().mapToDouble(p -> p.redisUpdated().p99()).toArray()))
                .add(new LineChart.Series("alert p50", x,
                        rates.stream().mapToDouble(p -> p.alertPublished().p50()).toArray()))
                .add(new LineChart.Series("alert p99", x,
                        rates.stream().mapToDouble(p -> p.alertPublished().p99()).toArray()))
                .add(new LineChart.Series("alert p99.9", x,
                        rates.stream().mapToDouble(p -> p.alertPublished().p999()).toArray()))
                .xFormat(v -> f("%.0f %%", v));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : f("%,.0f", v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

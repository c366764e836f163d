package io.vitalstorm.bench.run;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.bench.history.HistoryReport;
import io.vitalstorm.bench.history.HistoryStorageBenchmark;
import io.vitalstorm.bench.limit.LimitLoop;
import io.vitalstorm.bench.load.BenchProducer;
import io.vitalstorm.bench.load.PatientRegistration;
import io.vitalstorm.bench.measure.ConsumerGroupProgress;
import io.vitalstorm.bench.measure.LiveHeap;
import io.vitalstorm.bench.measure.ResourceMeter;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.bench.report.MachineInfo;
import io.vitalstorm.bench.report.ReportWriter;
import io.vitalstorm.cli.DemoCommand;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.topology.cli.CommandLines;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./vitalstorm bench}: micro-benchmarks, engine footprint, then on real local servers,
 * for each ward size, the same pre-loaded records through the no-Storm limit loop and through
 * the topology, and at one size latency at fixed fractions of the measured maximum; writes
 * {@code bench/results/<yyyy-MM-dd-HHmm>/report.md} with charts.
 */
public final class BenchCommand {

    static final String KEYSPACE = "vitalstorm_bench";
    private static final DateTimeFormatter DIR = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
            .withZone(ZoneOffset.UTC);

    private final BenchOptions options;
    private final long began = System.nanoTime();

    private BenchCommand(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Parses as every VitalStorm command does (usage mistakes exit 64, failures 1) and runs the suite. */
    static int execute(String[] args) {
        // the script passes the word "bench" first
        int from = args.length > 0 && args[0].equals("bench") ? 1 : 0;
        String[] rest = Arrays.copyOfRange(args, from, args.length);
        return CommandLines.execute(new BenchOptions.Args(o -> new BenchCommand(o).run()), rest);
    }

    private int run() throws Exception {
        if (options.history() == BenchOptions.History.ONLY) {
            return historyOnly();
        }
        Preset preset = options.preset();
        Instant started = Instant.now();
        String loadAtStart = MachineInfo.loadAverage();
        MachineInfo machine = MachineInfo.current();
        log("preset %s: sizes %s, latency at %,d patients; %d cores, load average %s", preset.name(), preset.scales(),
                preset.latencyPatients(), machine.cores(), loadAtStart);
        boolean onlyFlink = options.flink() == BenchOptions.Flink.ONLY;
        List<BenchReport.Micro> micro = List.of();
        if (options.jmh() && !onlyFlink) {
            log("JMH micro-benchmarks (forked JVM, -prof gc) ...");
            micro = MicroBenchmarks.run(preset);
            micro.forEach(m -> log("  %-22s %,10.1f ns/op %,8.0f B/op", m.name(), m.nsPerOp(), m.bytesPerOp()));
        }
        BenchReport.Footprint footprint = null;
        BenchReport.Churn churn = null;
        if (!onlyFlink) {
            log("engine footprint: %,d patients x %d readings ...", preset.footprintPatients(),
                    preset.footprintReadings());
            footprint = EngineFootprint.measure(preset.footprintPatients(), preset.footprintReadings());
            log("  %,.0f bytes per patient", footprint.bytesPerPatient());
            log("patient churn: %,d patients over a simulated day ...", preset.churnPatients());
            churn = ChurnFootprint.measure(preset.churnPatients(), LiveHeap::bytes);
            log("%s", churn.describe());
        }

        List<BenchReport.Throughput> throughput = new ArrayList<>();
        List<BenchReport.Peer> flink = new ArrayList<>();
        BenchReport.Latency latency = null;
        Map<String, Object> stormSettings;
        Map<String, Object> kafkaSettings;
        HistoryStorageBenchmark.Result history = null;
        Path work = Files.createTempDirectory("vitalstorm-bench-");
        log("starting ZooKeeper, Kafka, Redis, Cassandra on 127.0.0.1 ...");
        try (LocalInfrastructure infra = LocalInfrastructure.start(work)) {
            VitalStormSettings base = LocalVitalStorm.settings(infra, "bench", KEYSPACE);
            stormSettings = BenchSettings.storm(topologyConf(base));
            kafkaSettings = BenchSettings.kafkaConsumer(base);
            try (CqlSession cassandra = CassandraSessions.open(base);
                 JedisPooled redis = RedisClients.open(base);
                 ConsumerGroupProgress progress = new ConsumerGroupProgress(infra.kafkaBootstrapServers())) {
                log("registering %,d patients and warming the profile cache ...", preset.maxPatients());
                int registered = PatientRegistration.register(new PatientRegistry(cassandra, KEYSPACE),
                        new ProfileCache(redis), 0, preset.maxPatients());
                log("  %,d registered (the rest stay unknown on purpose)", registered);
                Scales scales = new Scales(infra, cassandra, redis, progress, work);
                for (Preset.Scale scale : preset.scales()) {
                    boolean withLatency = options.latency() && scale.patients() == preset.latencyPatients();
                    ScaleResult r = scales.run(scale, withLatency ? preset : null);
                    if (r.throughput() != null) {
                        throughput.add(r.throughput());
                    }
                    if (r.flink() != null) {
                        flink.add(r.flink());
                    }
                    if (r.latency() != null) {
                        latency = r.latency();
                    }
                }
                if (options.history() == BenchOptions.History.WITH && !onlyFlink) {
                    history = history(infra, cassandra, base);
                }
            }
        }
        BenchReport report = new BenchReport(options.command(), preset.name(), started, Instant.now(), machine,
                loadAtStart,
                MachineInfo.loadAverage(), stormSettings, kafkaSettings, micro, footprint, throughput, latency,
                tuningNotes(), churn, flink);
        Path dir = options.out().resolve(DIR.format(started));
        ReportWriter.write(report, dir);
        if (history != null) {
            HistoryReport.write(history, options.command(), dir);
        }
        summary(report, dir);
        return 0;
    }

    /** {@code --only-history}: the history storage benchmarks on servers of their own, nothing else. */
    private int historyOnly() throws Exception {
        Instant started = Instant.now();
        Path work = Files.createTempDirectory("vitalstorm-bench-");
        HistoryStorageBenchmark.Result history;
        try (LocalInfrastructure infra = LocalInfrastructure.start(work)) {
            VitalStormSettings base = LocalVitalStorm.settings(infra, "bench", KEYSPACE);
            try (CqlSession cassandra = CassandraSessions.open(base)) {
                history = history(infra, cassandra, base);
            }
        }
        Path dir = options.out().resolve(DIR.format(started));
        Path file = HistoryReport.write(history, options.command(), dir);
        log("report: %s", file);
        return 0;
    }

    private HistoryStorageBenchmark.Result history(LocalInfrastructure infra, CqlSession cassandra,
            VitalStormSettings base)
            throws InterruptedException {
        HistoryStorageBenchmark.Sizes sizes = options.preset() == Preset.FULL ? HistoryStorageBenchmark.Sizes.FULL
                : HistoryStorageBenchmark.Sizes.QUICK;
        log("history storage: %s", sizes);
        return new HistoryStorageBenchmark(cassandra, infra.workDir(), base.cassandraReplication(),
                line -> log("%s", line))
                .run(sizes);
    }

    /** What one ward size measured; {@code throughput} null with --only-flink, {@code flink} with --no-flink. */
    private record ScaleResult(BenchReport.Throughput throughput, BenchReport.Latency latency,
                               BenchReport.Peer flink) {
    }

    /**
     * One ward size: load, limit, the Flink peer, topology, and (at the latency size) the latency runs on the same
     * topology.
     */
    private final class Scales {
        private final LocalInfrastructure infra;
        private final CqlSession cassandra;
        private final JedisPooled redis;
        private final ConsumerGroupProgress progress;
        private final Path work;

        Scales(LocalInfrastructure infra, CqlSession cassandra, JedisPooled redis, ConsumerGroupProgress progress,
               Path work) {
            this.infra = infra;
            this.cassandra = cassandra;
            this.redis = redis;
            this.progress = progress;
            this.work = work;
        }

        ScaleResult run(Preset.Scale scale, Preset latencyPreset) throws Exception {
            int patients = scale.patients();
            VitalStormSettings s = LocalVitalStorm.settings(infra, "bench-" + patients, KEYSPACE);
            DemoCommand.setDemoThresholds(s.zookeeperConnect(), s.zookeeperRoot(), BenchThresholds.WARD);
            LocalVitalStorm.createTopics(infra, s);
            infra.createTopics(Map.of(LimitLoop.historyTopic(s), LimitLoop.HISTORY_PARTITIONS));
            long records;
            try (BenchProducer producer = new BenchProducer(s.kafkaBootstrapServers(), s.vitalsTopic(), 20)) {
                long startMs = System.currentTimeMillis() - scale.seconds() * 1000L - 60_000;
                records = producer.preload(patients, scale.seconds(), startMs);
            }
            log("%,d patients: %,d records pre-loaded (%d s at 1 Hz)", patients, records, scale.seconds());
            Duration timeout = Duration.ofSeconds(Math.max(180, records / 300));
            if (options.flink() == BenchOptions.Flink.ONLY) {
                return new ScaleResult(null, null, flink(s, patients, records, timeout));
            }

            SinkReset.reset(redis, cassandra, KEYSPACE);
            long deadBefore = progress.endOffsets(s.deadLetterTopic());
            LimitLoop.Result limit;
            Map<String, Double> limitCpu;
            try (LiveThresholds thresholds = LiveThresholds.watch(CuratorClients.shared(s),
                    s.zookeeperRoot());
                 LimitLoop loop = new LimitLoop(s, s.consumerGroup() + "-limit", cassandra, redis, thresholds)) {
                Map<String, Duration> cpuBefore = ResourceMeter.cpuNow();
                limit = loop.run(records, timeout);
                limitCpu = ResourceMeter.between(cpuBefore, ResourceMeter.cpuNow(), limit.elapsedNanos())
                        .secondsByProcess();
                loop.awaitHistory(timeout); // as the topology's: history behind the last commit is not measured
            }
            long deadLetters = progress.endOffsets(s.deadLetterTopic()) - deadBefore;
            log("  limit:    %,8.0f records/s (%,d observations, %,d dead letters, %,d alerts in %.1f s; "
                    + "%,d patients rebuilt from the history, %,d Cassandra timeouts retried)",
                    limit.recordsPerSecond(), limit.observations(), deadLetters, limit.alerts(),
                    limit.elapsedNanos() / 1e9, limit.rebuiltPatients(), limit.historyRetries());

            BenchReport.Peer flink = options.flink() == BenchOptions.Flink.NONE ? null
                    : flink(s, patients, records, timeout);

            SinkReset.reset(redis, cassandra, KEYSPACE);
            long alertsBefore = progress.endOffsets(s.clinicianAlertsTopic());
            long heapBefore = ResourceMeter.liveHeapBytes();
            log("  topology: starting (LocalCluster) ...");
            try (TopologyRun topology = TopologyRun.start(infra, s, "bench-" + patients, options.overrides())) {
                TopologyRun.Measured m = topology.awaitCommitted(records, redis, progress, timeout,
                        line -> log("  %s", line));
                long topologyAlerts = progress.endOffsets(s.clinicianAlertsTopic()) - alertsBefore;
                long heapAfter = ResourceMeter.liveHeapBytes();
                BenchReport.Throughput t = new BenchReport.Throughput(patients, records, deadLetters, limit.alerts(),
                        topologyAlerts, limit.recordsPerSecond(), m.perSecond(), m.seconds(), limitCpu, m.cpuSeconds(),
                        m.peakHeapBytes(),
                        heapBefore, heapAfter);
                log("  topology: %,8.0f records/s in %.1f s, ratio %.2f, CPU %,.0f µs/record (limit %,.0f), %.2f "
                        + "cores, %,d alerts, heap %,d → %,d MiB",
                        m.perSecond(), m.seconds(), t.ratio(), t.topologyCpuMicrosPerRecord(),
                        t.limitCpuMicrosPerRecord(),
                        t.cores(), topologyAlerts, heapBefore >> 20, heapAfter >> 20);
                BenchReport.Latency latency = latencyPreset == null ? null
                        : latency(s, latencyPreset, patients, m.perSecond());
                return new ScaleResult(t, latency, flink);
            }
        }

        /** The Flink peer from empty sinks, in its own JVM (bench-flink). */
        private BenchReport.Peer flink(VitalStormSettings s, int patients, long records, Duration timeout)
                throws Exception {
            SinkReset.reset(redis, cassandra, KEYSPACE);
            log("  flink:    starting (MiniCluster in a child JVM) ...");
            BenchReport.Peer p = FlinkRun.run(FlinkRun.MODULE, s, patients, records, redis, work, timeout,
                    line -> log("  %s", line));
            log("  flink:    %,8.0f records/s in %.1f s, CPU %,.0f µs/record, %.2f cores, %,d alerts",
                    p.perSecond(), p.seconds(), p.cpuMicrosPerRecord(), p.cores(), p.alerts());
            return p;
        }

        private BenchReport.Latency latency(VitalStormSettings s, Preset p, int patients, double max) throws Exception {
            List<BenchReport.Rate> rates = new ArrayList<>();
            for (double fraction : Preset.LATENCY_FRACTIONS) {
                log("  latency at %.0f %% of %,.0f records/s for %d s ...", fraction * 100, max,
                        p.latencyWarmup().plus(p.latencyMeasure()).toSeconds());
                BenchReport.Rate r = LatencyRun.atRate(s, redis, progress, fraction, max, patients, p.latencyWarmup(),
                        p.latencyMeasure());
                log("    Kafka only p50/p99 %.0f/%.0f ms; Redis p50/p99/p99.9 %.0f/%.0f/%.0f ms (n=%,d); alert "
                        + "published %.0f/%.0f/%.0f ms (n=%,d)%s",
                        r.kafkaOnly().p50(), r.kafkaOnly().p99(), r.redisUpdated().p50(), r.redisUpdated().p99(),
                        r.redisUpdated().p999(), r.redisUpdated().count(),
                        r.alertPublished().p50(), r.alertPublished().p99(), r.alertPublished().p999(),
                        r.alertPublished().count(),
                        r.keptUp() ? "" : "  DID NOT KEEP UP");
                rates.add(r);
            }
            return new BenchReport.Latency(patients, max, rates);
        }
    }

    private Map<String, Object> topologyConf(VitalStormSettings s) {
        Map<String, Object> conf = new HashMap<>(s.toMap());
        conf.putAll(options.overrides());
        return conf;
    }

    private static String tuningNotes() throws java.io.IOException {
        Path notes = Path.of("bench", "tuning.md");
        return Files.exists(notes) ? Files.readString(notes) : "";
    }

    private void summary(BenchReport r, Path dir) {
        log("done. Report: %s", dir.resolve("report.md"));
        String md = ReportWriter.markdown(r);
        int from = md.indexOf("## Summary");
        int to = md.indexOf("\n## ", from + 1);
        System.out.println(md.substring(from, to < 0 ? md.length() : to).strip());
    }

    private void log(String format, Object... args) {
        long s = (System.nanoTime() - began) / 1_000_000_000L;
        System.out.printf("[bench %02d:%02d] %s%n", s / 60, s % 60, String.format(format, args));
    }
}

package io.vitalstorm.bench.report;

import io.vitalstorm.bench.measure.LatencyStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private static BenchReport sample() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("jvm", 15.0);
        cpu.put("cassandra", 4.0);
        cpu.put("redis", 1.0);
        Map<String, Double> limitCpu = Map.of("jvm", 8.0);
        LatencyStats.Summary kafka = new LatencyStats.Summary(900, 3, 9, 12, 15);
        LatencyStats.Summary redis = new LatencyStats.Summary(500, 12, 80, 95, 120);
        LatencyStats.Summary alerts = new LatencyStats.Summary(40, 20, 90, 110, 110);
        return new BenchReport("./vitalstorm bench --quick", "quick", Instant.parse("2026-11-22T12:00:00Z"),
                Instant.parse("2026-11-22T12:05:00Z"), new MachineInfo(2, "Test CPU", 24_000, "JDK 17", "Linux", 3072),
                "1.00 0.50 0.25", "2.00 1.00 0.50", Map.of("topology.max.spout.pending", 5000),
                Map.of("max.poll.records", 2000),
                List.of(new BenchReport.Micro("parseWristBand", 1234.5, 10.0, 2048)),
                new BenchReport.Footprint(1000, 360, 900),
                List.of(new BenchReport.Throughput(1000, 40_000, 800, 170, 170, 4000, 3000, 10, limitCpu, cpu,
                        500L << 20, 200L << 20, 201L << 20),
                        new BenchReport.Throughput(10_000, 60_000, 1200, 300, 300, 5000, 4000, 15, limitCpu, cpu,
                                600L << 20, 200L << 20, 210L << 20)),
                new BenchReport.Latency(10_000, 4000, List.of(
                        new BenchReport.Rate(0.25, 1000, 1000, true, kafka, redis, alerts, alerts),
                        new BenchReport.Rate(0.5, 2000, 2000, true, kafka, redis, alerts, alerts))),
                "We chose X because Y.", new BenchReport.Churn(1_000_000, 40_000_000, 60, 48_700, 1_000_000, 2_100,
                        List.of(new BenchReport.ChurnSample(2, 50L << 20, 30_000, 30_000, 600),
                                new BenchReport.ChurnSample(12, 98L << 20, 48_600, 48_600, 970),
                                new BenchReport.ChurnSample(24, 100L << 20, 48_700, 48_700, 975)),
                        new BenchReport.ChurnSample(25.2, 1L << 20, 0, 0, 0), 150),
                List.of(new BenchReport.Peer(10_000, 60_000, 280, 30, flinkCpu())));
    }

    private static Map<String, Double> flinkCpu() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("jvm", 6.0);
        cpu.put("cassandra", 4.0);
        cpu.put("redis", 1.0);
        cpu.put("flink", 19.0);
        return cpu;
    }

    @Test
    void tablesCarryTheMeasuredFigures() {
        String md = ReportWriter.markdown(sample());
        assertThat(md).contains("`./vitalstorm bench --quick`")
                .contains("Load average (1/5/15 min) 1.00 0.50 0.25")
                .contains("| parseWristBand | 1,234.5 | 10.0 | 2,048 |")
                .contains("| 1,000 | 40,000 | 4,000 | 3,000 | – | **0.75** | – | 200 / 500 / – | 800 | 170 / 170 / – |")
                .contains("| 10,000 | 60,000 | 5,000 | 4,000 | 2,000 | **0.80** | 2.00 | 133 / 333 / 500 | 1,200 "
                        + "| 300 / 300 / 280 |")
                .contains("**Topology/limit ratio 0.80** at 10,000 patients")
                .contains("**Topology/Flink ratio 2.00** at 10,000 patients (target ≥ 1.5): Flink 2,000 records/s; "
                        + "CPU µs per record topology / limit / Flink **333 / 133 / 500** (target ≤ 40)")
                .contains("| 10,000 | 60,000 | 2,000 | 30.0 | 500 | 1.00 | 280 | jvm 6.0, cassandra 4.0, redis 1.0, "
                        + "flink 19.0 |")
                .contains("| 50 % | 2,000 | 2,000 | 3 / 9 | 500 | 12 | 80 | 95 | 120 | 40 | 20 | 90 | 110 | 110 | 90 |")
                .contains("**900 bytes per patient**")
                .contains("## Tuning\n\nWe chose X because Y.")
                .contains("live heap in steady state **98–100 MiB**, engine maps empty once all are silent (0 + 0 "
                        + "patients left)")
                .contains("      12.0           98.0         48,600         48,600          970");
    }

    @Test
    void heapGrowthPerAddedPatientIsTheSlopeBetweenSizes() {
        // (10 MiB - 1 MiB) / 9,000 patients
        assertThat(ReportWriter.markdown(sample())).contains("| 10,000 | 4,000 | 200 | 210 | 1,049 | 1,049 |");
    }

    @Test
    void bottleneckNamesTheBusiestProcessAndTheWardSizeCpuAllows() {
        String b = ReportWriter.bottleneck(sample());
        assertThat(b).startsWith("CPU runs out first")
                .contains("1.33 of 2 cores")
                .contains("jvm (75 % of all CPU used)")
                .contains("about 3,995 patients at 1 Hz");
    }

    @Test
    void saysWhenTheLargestWardIsBoundByRoundTripsNotCpu() {
        BenchReport r = sample();
        BenchReport latencyOnSmallWard = new BenchReport(r.command(), r.preset(), r.started(), r.finished(),
                r.machine(),
                r.loadAtStart(), r.loadAtEnd(), r.stormSettings(), r.kafkaConsumerSettings(), r.micro(), r.footprint(),
                r.throughput(), new BenchReport.Latency(1_000, 3000, r.latency().rates()), r.tuningNotes(), r.churn(),
                r.flink());
        assertThat(ReportWriter.bottleneck(latencyOnSmallWard))
                .contains("At 10,000 patients the topology kept only 1.33 cores busy and made 4,000 records/s")
                .endsWith("limit it before the CPU does.");
        assertThat(ReportWriter.bottleneck(r)).doesNotContain("before the CPU does");
    }

    @Test
    void theFlinkPeerAloneIsSummarisedAndTabled() {
        BenchReport r = sample();
        BenchReport onlyFlink = new BenchReport(r.command(), r.preset(), r.started(), r.finished(), r.machine(),
                r.loadAtStart(), r.loadAtEnd(), r.stormSettings(), r.kafkaConsumerSettings(), List.of(), null,
                List.of(), null, "", null, r.flink());
        assertThat(ReportWriter.markdown(onlyFlink))
                .contains("- Flink peer alone: 2,000 records/s at 10,000 patients, 500 µs CPU per record.")
                .contains("## The Flink peer")
                .doesNotContain("## End-to-end throughput");
    }

    @Test
    void writesReportAndReadableCharts(@TempDir Path dir) throws Exception {
        ReportWriter.write(sample(), dir);
        assertThat(dir.resolve("report.md")).exists();
        for (String chart : List.of("scaling.png", "heap.png", "latency.png")) {
            var image = ImageIO.read(dir.resolve(chart).toFile());
            assertThat(image.getWidth()).isEqualTo(720);
            assertThat(Files.size(dir.resolve(chart))).isGreaterThan(2_000);
        }
    }
}

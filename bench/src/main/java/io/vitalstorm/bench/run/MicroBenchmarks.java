package io.vitalstorm.bench.run;

import io.vitalstorm.bench.EngineBenchmarks;
import io.vitalstorm.bench.report.BenchReport;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Runs the JMH benchmarks in a forked JVM with the GC profiler, at the preset's iteration counts. */
final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    static List<BenchReport.Micro> run(Preset preset) throws RunnerException {
        var options = new OptionsBuilder()
                .include(EngineBenchmarks.class.getName())
                .addProfiler(GCProfiler.class)
                .warmupIterations(preset.jmhWarmups()).warmupTime(TimeValue.seconds(1))
                .measurementIterations(preset.jmhIterations()).measurementTime(TimeValue.seconds(1))
                .forks(1)
                .jvmArgs("-Xms512m", "-Xmx512m")
                .verbosity(VerboseMode.SILENT)
                .build();
        List<BenchReport.Micro> out = new ArrayList<>();
        for (RunResult r : new Runner(options).run()) {
            BenchmarkParams params = r.getParams();
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            out.add(new BenchReport.Micro(name, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    allocatedBytesPerOp(r.getSecondaryResults())));
        }
        out.sort(Comparator.comparing(BenchReport.Micro::name));
        return out;
    }

    /** JMH names it "gc.alloc.rate.norm" (older versions prefix a middle dot). */
    private static double allocatedBytesPerOp(Map<String, Result> secondary) {
        return secondary.entrySet().stream().filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
    }
}

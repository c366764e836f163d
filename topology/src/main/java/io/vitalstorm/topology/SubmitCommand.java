package io.vitalstorm.topology;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.topology.cli.CommandLines;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ConfigOverrides;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.StandardCommand;
import org.apache.storm.Config;
import org.apache.storm.LocalCluster;
import org.apache.storm.StormSubmitter;
import org.apache.storm.generated.StormTopology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The topology jar's main class:
 * <pre>
 * storm jar vitalstorm-topology-storm.jar io.vitalstorm.topology.SubmitCommand \
 *     [--name vitalstorm] [--config vitalstorm.yaml] [--workers N] [-c key=value ...] [--local [--local-seconds S]]
 * </pre>
 * {@code --config} is a YAML file of {@code vitalstorm.*} and topology keys
 * (docs/configuration.md); {@code -c} overrides single keys (over the file and {@code --workers}).
 * Without {@code --local} the topology goes to the Nimbus named in storm.yaml; with it, it runs in
 * an in-process LocalCluster (needs storm-server on the classpath, as under {@code storm local})
 * until Ctrl-C or S seconds. Exit status and errors as every VitalStorm command ({@link CommandLines}).
 */
@Command(name = "SubmitCommand",
        description = "Submits the topology to the Nimbus of storm.yaml, or runs it in a LocalCluster (--local).")
public final class SubmitCommand extends StandardCommand implements Callable<Integer> {

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "vitalstorm",
            description = "the topology's name (default: ${DEFAULT-VALUE})")
    private String name;

    @Mixin
    private ConfigOption config;

    @Option(names = "--workers", paramLabel = "N",
            description = "worker processes (default: storm.yaml's topology.workers)")
    private Integer workers;

    @Mixin
    private ConfigOverrides overrides;

    @Option(names = "--local", description = "run in an in-process LocalCluster instead of submitting")
    private boolean local;

    @Option(names = "--local-seconds", paramLabel = "S",
            description = "with --local: stop after S seconds (default: run until Ctrl-C)")
    private long localSeconds;

    SubmitCommand() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** The command line in-process (./vitalstorm submit): exit status, output to {@code out} and {@code err}. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = CommandLines.configure(new CommandLine(new SubmitCommand()));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    /** The file's keys, then --workers, then each -c: the configuration the topology is submitted with. */
    Config topologyConf() {
        Map<String, Object> conf = new HashMap<>(config.fileConf());
        if (workers != null) {
            conf.put(Config.TOPOLOGY_WORKERS, workers);
        }
        conf.putAll(overrides.values());
        return VitalStormTopology.config(conf);
    }

    String name() {
        return name;
    }

    @Override
    public Integer call() throws Exception {
        Config topologyConf = topologyConf();
        VitalStormSettings settings = VitalStormSettings.fromMap(topologyConf);
        StormTopology topology = VitalStormTopology.build(settings, Parallelism.fromConf(topologyConf));
        if (local) {
            runLocally(name, topologyConf, topology, localSeconds);
        } else {
            StormSubmitter.submitTopologyWithProgressBar(name, topologyConf, topology);
        }
        return ExitCodes.DONE;
    }

    /** In-process Nimbus, Supervisor and ZooKeeper; storm-server is provided, not in the jar. */
    private static void runLocally(String name, Config conf, StormTopology topology, long seconds) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // on Ctrl-C the JVM exits once hooks return: hold it until the cluster has shut down
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-local-cluster"));
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, topology);
            System.err.println("vitalstorm: " + name + " running in a LocalCluster"
                    + (seconds > 0 ? " for " + seconds + " s" : "; Ctrl-C stops it"));
            if (seconds > 0) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("--local needs storm-server on the classpath (run it with `storm local`"
                    + " or the dev classpath): " + e.getMessage(), e);
        } finally {
            closed.countDown();
        }
    }
}

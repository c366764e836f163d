package io.vitalstorm.topology;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.storm.Config;
import org.apache.storm.LocalCluster;
import org.apache.storm.StormSubmitter;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.utils.Utils;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The topology jar's main class:
 * <pre>
 * storm jar vitalstorm-topology-storm.jar io.vitalstorm.topology.SubmitCommand \
 *     [--name vitalstorm] [--config vitalstorm.yaml] [--workers N] [-c key=value ...] [--local [--local-seconds S]]
 * </pre>
 * {@code --config} is a YAML file of {@code vitalstorm.*} and topology keys
 * (docs/configuration.md); {@code -c} overrides single keys. Without {@code --local} the
 * topology goes to the Nimbus named in storm.yaml; with it, it runs in an in-process LocalCluster
 * (needs storm-server on the classpath, as under {@code storm local}) until Ctrl-C or S seconds.
 */
public final class SubmitCommand {

    static final String USAGE = "usage: storm jar <jar> " + SubmitCommand.class.getName()
            + " [--name NAME] [--config FILE.yaml] [--workers N] [-c key=value ...] [--local [--local-seconds S]]";

    private SubmitCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> conf = new HashMap<>();
        String name = "vitalstorm";
        boolean local = false;
        long localSeconds = 0;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.pop();
            switch (arg) {
                case "--name" -> name = value(rest, arg);
                case "--config" -> conf.putAll(Utils.findAndReadConfigFile(value(rest, arg), true));
                case "--workers" -> conf.put(Config.TOPOLOGY_WORKERS, Integer.parseInt(value(rest, arg)));
                case "-c" -> {
                    String kv = value(rest, arg);
                    int eq = kv.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("-c expects key=value, got " + kv);
                    }
                    conf.put(kv.substring(0, eq), scalar(kv.substring(eq + 1)));
                }
                case "--local" -> local = true;
                case "--local-seconds" -> localSeconds = Long.parseLong(value(rest, arg));
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg + " (see --help)");
            }
        }
        Config topologyConf = VitalStormTopology.config(conf);
        VitalStormSettings settings = VitalStormSettings.fromMap(topologyConf);
        StormTopology topology = VitalStormTopology.build(settings, Parallelism.fromConf(topologyConf));
        if (local) {
            runLocally(name, topologyConf, topology, localSeconds);
        } else {
            StormSubmitter.submitTopologyWithProgressBar(name, topologyConf, topology);
        }
    }

    /**
     * Storm's config validators want numbers and booleans typed, as in the YAML file: "-c
     * topology.message.timeout.secs=30" must arrive as the integer 30, not the string "30".
     */
    public static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            long n = Long.parseLong(text);
            return n == (int) n ? (Object) (int) n : (Object) n;
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        return text;
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

    private static String value(Deque<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.pop();
    }
}

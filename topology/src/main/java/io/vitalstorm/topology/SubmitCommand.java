package io.vitalstorm.topology;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.storm.Config;
import org.apache.storm.StormSubmitter;
import org.apache.storm.utils.Utils;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The topology jar's main class:
 * <pre>
 * storm jar vitalstorm-topology.jar io.vitalstorm.topology.SubmitCommand \
 *     [--name vitalstorm] [--config vitalstorm.yaml] [--workers N] [-c key=value ...]
 * </pre>
 * {@code --config} is a YAML file of {@code vitalstorm.*} and topology keys (README
 * "Configuration keys"); {@code -c} overrides single keys.
 */
public final class SubmitCommand {

    private SubmitCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> conf = new HashMap<>();
        String name = "vitalstorm";
        Deque<String> rest = new ArrayDeque<>(java.util.List.of(args));
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
                    conf.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "-h", "--help" -> {
                    System.out.println("usage: storm jar <jar> " + SubmitCommand.class.getName()
                            + " [--name NAME] [--config FILE.yaml] [--workers N] [-c key=value ...]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + arg + " (see --help)");
            }
        }
        Config topologyConf = VitalStormTopology.config(conf);
        VitalStormSettings settings = VitalStormSettings.fromMap(topologyConf);
        StormSubmitter.submitTopologyWithProgressBar(name, topologyConf,
                VitalStormTopology.build(settings, Parallelism.fromConf(topologyConf)));
    }

    private static String value(Deque<String> rest, String option) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.pop();
    }
}

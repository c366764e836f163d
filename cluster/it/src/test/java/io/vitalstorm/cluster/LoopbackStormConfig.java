package io.vitalstorm.cluster;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository's production storm.yaml rendered for one machine: every address 127.0.0.1,
 * free ports, small workers, fast failure detection. Everything else (topology defaults,
 * metrics reporters) is kept, so the test runs the configuration users deploy.
 */
final class LoopbackStormConfig {

    private LoopbackStormConfig() {
    }

    /** Writes the rendered file to {@code target} and returns the effective map. */
    static Map<String, Object> render(Path production, Path target, String zookeeperConnect, Path localDir,
                                      int nimbusPort, int supervisorPort, List<Integer> slotPorts) throws IOException {
        Map<String, Object> conf;
        try (Reader in = Files.newBufferedReader(production)) {
            conf = new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(in));
        }
        int colon = zookeeperConnect.lastIndexOf(':');
        conf.put("storm.zookeeper.servers", List.of(zookeeperConnect.substring(0, colon)));
        conf.put("storm.zookeeper.port", Integer.parseInt(zookeeperConnect.substring(colon + 1)));
        conf.put("nimbus.seeds", List.of("127.0.0.1"));
        conf.put("storm.local.hostname", "127.0.0.1");
        conf.put("storm.local.dir", localDir.toString());
        conf.put("nimbus.thrift.port", nimbusPort);
        conf.put("supervisor.thrift.port", supervisorPort);
        conf.put("supervisor.slots.ports", slotPorts);
        // Nimbus checks assignments every second (default 10): submit-to-first-tuple drops by seconds
        conf.put("nimbus.monitor.freq.secs", 1);
        conf.put("supervisor.worker.shutdown.sleep.secs", 1);
        // two workers, Nimbus, a Supervisor and Cassandra share two cores with the test JVM: small
        // heaps, and C1 only (start-up CPU matters more than peak speed for a few hundred readings)
        conf.put("worker.heap.memory.mb", 512);
        conf.put("worker.childopts",
                "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
        Files.createDirectories(target.getParent());
        try (Writer out = Files.newBufferedWriter(target)) {
            new Yaml().dump(conf, out);
        }
        return conf;
    }
}

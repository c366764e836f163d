package io.vitalstorm.cli;

import io.vitalstorm.core.alert.AckKeys;
import io.vitalstorm.core.config.AckAuthentication;
import io.vitalstorm.core.config.ArchiveSecurity;
import io.vitalstorm.core.config.MetricsSettings;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.maintenance.ArchiveProtection;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.infra.LocalSettings;
import io.vitalstorm.topology.Parallelism;
import io.vitalstorm.topology.VitalStormTopology;
import io.vitalstorm.topology.metrics.PrometheusReporter;
import org.apache.storm.Config;
import org.apache.storm.LocalCluster;
import org.apache.storm.generated.KillOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real topology in a Storm LocalCluster, wired to the local infrastructure: the cluster
 * keeps its state in the same ZooKeeper that holds VitalStorm's znodes. Used by the demo and
 * the integration tests.
 */
public final class LocalVitalStorm implements AutoCloseable {

    private final LocalCluster cluster;
    private final String topologyName;

    private LocalVitalStorm(LocalCluster cluster, String topologyName) {
        this.cluster = cluster;
        this.topologyName = topologyName;
    }

    /** Settings pointing at the local servers; {@code prefix} keeps topics and groups apart per run. */
    public static VitalStormSettings settings(LocalInfrastructure infra, String prefix, String keyspace) {
        Map<String, Object> conf = LocalSettings.conf(infra, prefix, keyspace);
        // throwaway secrets (0600): an acknowledgement key that the topology accepts and the web tier and
        // CLI sign with, and the archive's encryption and checksum keysets
        Path secrets = infra.workDir().resolve("secrets");
        Path ackKey = throwaway(secrets.resolve(prefix + "-ack.key"),
                () -> AckKeys.newKeyLine("local-" + prefix, null));
        conf.put(AckAuthentication.KEYS_FILE, ackKey.toString());
        conf.put(AckAuthentication.SIGNING_KEY_FILE, ackKey.toString());
        conf.put(ArchiveSecurity.ENCRYPTION_KEYSET_FILE.key(),
                throwaway(secrets.resolve(prefix + "-archive-encryption.json"),
                () -> ArchiveProtection.newKeyset(ArchiveProtection.Purpose.ENCRYPTION)).toString());
        conf.put(ArchiveSecurity.CHECKSUM_KEYSET_FILE.key(),
                throwaway(secrets.resolve(prefix + "-archive-checksum.json"),
                () -> ArchiveProtection.newKeyset(ArchiveProtection.Purpose.CHECKSUM)).toString());
        return VitalStormSettings.fromMap(conf);
    }

    /** A secret made once per work directory. */
    @FunctionalInterface
    private interface SecretMaker {
        String make() throws Exception;
    }

    private static Path throwaway(Path file, SecretMaker maker) {
        try {
            if (!Files.exists(file)) {
                SecretFiles.write(file, maker.make());
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the throwaway secret " + file + ": " + e, e);
        }
    }

    /** Creates the topics and submits the topology; {@code extra} overrides topology settings. */
    public static LocalVitalStorm start(LocalInfrastructure infra, VitalStormSettings s, String topologyName,
                                        Map<String, Object> extra) throws Exception {
        createTopics(infra, s);
        return submit(infra, s, topologyName, extra);
    }

    /**
     * Submits the topology without creating topics: for a Kafka other than the local
     * infrastructure's (the SASL_SSL test broker), whose topics the caller created.
     */
    public static LocalVitalStorm submit(LocalInfrastructure infra, VitalStormSettings s, String topologyName,
                                         Map<String, Object> extra) throws Exception {
        String zk = infra.zookeeperConnect();
        int colon = zk.lastIndexOf(':');
        Map<String, Object> daemon = new HashMap<>();
        daemon.put(Config.STORM_ZOOKEEPER_SERVERS, List.of(zk.substring(0, colon)));
        daemon.put(Config.STORM_ZOOKEEPER_PORT, Integer.parseInt(zk.substring(colon + 1)));
        daemon.put(Config.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS, true);
        daemon.put("supervisor.worker.shutdown.sleep.secs", 0);
        // Storm state of its own per cluster: a later LocalCluster in the same JVM (or ZooKeeper)
        // must not find an earlier one's topologies and refuse Nimbus leadership
        daemon.put(Config.STORM_ZOOKEEPER_ROOT, "/storm-" + topologyName);
        LocalCluster cluster = new LocalCluster.Builder().withDaemonConf(daemon).build();
        try {
            Map<String, Object> conf = new HashMap<>(s.toMap());
            conf.put("vitalstorm.archive.dir", infra.workDir().resolve("archive").toString());
            conf.putAll(extra);
            if (MetricsSettings.PROMETHEUS_PORT.read(conf) != 0) {
                PrometheusReporter.addTo(conf);
            }
            Config topologyConf = VitalStormTopology.config(conf);
            cluster.submitTopology(topologyName, topologyConf,
                    VitalStormTopology.build(s, Parallelism.fromConf(topologyConf)));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new LocalVitalStorm(cluster, topologyName);
    }

    /** The topology's topics, if missing (the benchmark fills the vitals topic before the topology starts). */
    public static void createTopics(LocalInfrastructure infra, VitalStormSettings s) throws Exception {
        infra.createTopics(topicPartitions(s));
    }

    /** The topology's topics and their partition counts. */
    public static Map<String, Integer> topicPartitions(VitalStormSettings s) {
        Map<String, Integer> topics = new HashMap<>();
        topics.put(s.vitalsTopic(), 4);
        topics.put(s.deadLetterTopic(), 1);
        topics.put(s.clinicianAlertsTopic(), 2);
        topics.put(s.patientAlertsTopic(), 2);
        topics.put(s.acknowledgementsTopic(), 1);
        topics.put(s.summariesTopic(), 1);
        topics.put(s.historyTopic(), 4);
        topics.put(s.adtTopic(), 1);
        return topics;
    }

    @Override
    public void close() throws Exception {
        try {
            KillOptions now = new KillOptions();
            now.set_wait_secs(0);
            cluster.killTopologyWithOpts(topologyName, now);
        } finally {
            cluster.close();
        }
    }
}

package io.vitalstorm.it;

import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.SaslLogins;
import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.config.ZooKeeperSecurity;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.infra.ZooKeeperSaslServer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ZooKeeper with a TLS client port only (Netty, {@code secureClientPort}) and SASL enforced, as a
 * cluster install runs it: the topology's Curator client over TLS with its SASL login works; a
 * plaintext client and a TLS client trusting another CA never get a session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperTlsTest {

    private final String topologyPassword = LoopbackCertificates.randomSecret();
    private final Path dir = Path.of("target", "zookeeper-tls-" + ProcessHandle.current().pid()).toAbsolutePath();
    private LoopbackCertificates certificates;
    private ZooKeeperSaslServer server;
    private Path topologyPasswordFile;

    @BeforeAll
    void start() throws Exception {
        certificates = LoopbackCertificates.generate(dir.resolve("tls"), "zookeeper");
        server = new ZooKeeperSaslServer(dir.resolve("server"), Map.of("topology", topologyPassword, "operator",
                LoopbackCertificates.randomSecret())).withTls(certificates);
        server.start();
        topologyPasswordFile = SecretFiles.write(dir.resolve("topology.password"), topologyPassword);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private VitalStormSettings settings(ClientTls tls) {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.zookeeper.connect", server.connectString());
        conf.putAll(ZooKeeperSecurity.sasl("topology", topologyPasswordFile, "operator").toMap());
        conf.putAll(tls.toMap());
        return VitalStormSettings.fromMap(conf);
    }

    private ClientTls trusting(LoopbackCertificates ca) {
        return ClientTls.ZOOKEEPER.trusting(ca.truststore(), ca.truststorePasswordFile());
    }

    @Test
    void theTopologyOverTlsWorks() throws Exception {
        try (CuratorFramework topology = CuratorClients.startAsTopology(settings(trusting(certificates)))) {
            topology.create().forPath("/tls-test", "1".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(topology.getData().forPath("/tls-test"), StandardCharsets.UTF_8)).isEqualTo("1");
        }
    }

    @Test
    void aPlaintextClientGetsNoSession() throws Exception {
        assertNoSession(SaslLogins.clientConfig("topology", topologyPassword));
    }

    @Test
    void aTlsClientTrustingAnotherCaGetsNoSession() throws Exception {
        LoopbackCertificates otherCa = LoopbackCertificates.generate(dir.resolve("other-ca"), "not-zookeeper");
        ZKClientConfig config = SaslLogins.clientConfig("topology", topologyPassword);
        trusting(otherCa).zooKeeperClientProperties().forEach(config::setProperty);
        assertNoSession(config);
    }

    /** A raw client (Curator would retry for 30 s): no SyncConnected within 5 s, requests fail. */
    private void assertNoSession(ZKClientConfig config) throws Exception {
        BlockingQueue<Watcher.Event.KeeperState> states = new LinkedBlockingQueue<>();
        ZooKeeper client = new ZooKeeper(server.connectString(), 10_000, e -> states.offer(e.getState()), config);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until) {
                Watcher.Event.KeeperState s = states.poll(100, TimeUnit.MILLISECONDS);
                assertThat(s).as("session state").isNotIn(Watcher.Event.KeeperState.SyncConnected,
                        Watcher.Event.KeeperState.SaslAuthenticated);
            }
            assertThatThrownBy(() -> client.getChildren("/", false)).isInstanceOf(KeeperException.class);
        } finally {
            client.close();
        }
    }
}

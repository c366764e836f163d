package io.vitalstorm.it;

import io.vitalstorm.cli.Main;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.FencedJobSlots;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.coordination.MaintenanceLeadership;
import io.vitalstorm.coordination.SaslLogins;
import io.vitalstorm.coordination.ZnodeAcls;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.config.ZooKeeperSecurity;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.infra.ZooKeeperSaslServer;
import io.vitalstorm.maintenance.MaintenanceScheduler;
import io.vitalstorm.testsupport.Await;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ZooKeeper with SASL enforced (a server of its own, {@link ZooKeeperSaslServer}): who may connect,
 * what {@code thresholds init} creates, and what the topology refuses to follow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperSaslTest {

    private final String operatorPassword = LoopbackCertificates.randomSecret();
    private final String topologyPassword = LoopbackCertificates.randomSecret();
    private final String intruderPassword = LoopbackCertificates.randomSecret();
    private Path dir;
    private ZooKeeperSaslServer server;
    private Path authFile;
    private Path topologyPasswordFile;
    private CuratorFramework intruder;
    private CuratorFramework topology;

    private record Result(int status, String out, String err) {
    }

    @BeforeAll
    void start() throws Exception {
        dir = Path.of("target", "zookeeper-sasl-" + ProcessHandle.current().pid()).toAbsolutePath();
        server = new ZooKeeperSaslServer(dir.resolve("server"),
                Map.of("operator", operatorPassword, "topology", topologyPassword, "intruder", intruderPassword));
        server.start();
        authFile = SecretFiles.write(dir.resolve("operator.secret"), "operator:" + operatorPassword);
        topologyPasswordFile = SecretFiles.write(dir.resolve("topology.password"), topologyPassword);
        intruder = CuratorClients.startAsSaslUser(server.connectString(), "intruder", intruderPassword);
        topology = CuratorClients.startAsTopology(settings("/unused"));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {intruder, topology, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    private VitalStormSettings settings(String root) {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.zookeeper.connect", server.connectString());
        conf.put("vitalstorm.zookeeper.root", root);
        conf.putAll(ZooKeeperSecurity.sasl("topology", topologyPasswordFile, "operator").toMap());
        return VitalStormSettings.fromMap(conf);
    }

    private Path config(String root) throws Exception {
        StringBuilder yaml = new StringBuilder();
        settings(root).toMap().forEach((k, v) -> {
            if (k.startsWith("vitalstorm.zookeeper.")) {
                yaml.append(k).append(": \"").append(v).append("\"\n");
            }
        });
        return Files.writeString(dir.resolve("vitalstorm" + root.replace('/', '-') + ".yaml"), yaml);
    }

    private Result thresholds(String root, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("thresholds"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--config", config(root).toString(), "--auth-file", authFile.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A raw client, so the test sees exactly what the server answers (Curator would retry). */
    private static ZooKeeper raw(String connect, ZKClientConfig config, BlockingQueue<Watcher.Event.KeeperState> states)
            throws Exception {
        return new ZooKeeper(connect, 10_000, e -> states.offer(e.getState()), config);
    }

    @Test
    void aClientThatDoesNotLogInOrUsesAWrongPasswordIsRefused() throws Exception {
        BlockingQueue<Watcher.Event.KeeperState> states = new ArrayBlockingQueue<>(16);
        ZooKeeper anonymous = raw(server.connectString(), SaslLogins.anonymous(), states);
        try {
            assertThatThrownBy(() -> anonymous.getChildren("/", false)).isInstanceOf(KeeperException.class)
                    .satisfies(e -> assertThat(((KeeperException) e).code()).isIn(KeeperException.Code.AUTHFAILED,
                            KeeperException.Code.SESSIONCLOSEDREQUIRESASLAUTH, KeeperException.Code.CONNECTIONLOSS));
        } finally {
            anonymous.close();
        }
        BlockingQueue<Watcher.Event.KeeperState> wrongStates = new ArrayBlockingQueue<>(16);
        ZooKeeper wrong = raw(server.connectString(), SaslLogins.clientConfig("topology", "not" + topologyPassword),
                wrongStates);
        try {
            Watcher.Event.KeeperState state;
            do {
                state = wrongStates.poll(20, TimeUnit.SECONDS);
            } while (state == Watcher.Event.KeeperState.SyncConnected);
            assertThat(state).isEqualTo(Watcher.Event.KeeperState.AuthFailed);
            assertThatThrownBy(() -> wrong.getChildren("/", false)).isInstanceOf(KeeperException.class);
        } finally {
            wrong.close();
        }
    }

    @Test
    void initCreatesEveryZnodeWithItsAclAndOnlyTheRightIdentityMayWrite() throws Exception {
        Result first = thresholds("/vs-init", "init");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("/vs-init: created", "/vs-init/maintenance/leader: created",
                "/vs-init/maintenance/leader: handed over to the topology");
        Result again = thresholds("/vs-init", "init");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("/vs-init/thresholds: already there");

        assertThat(topology.getACL().forPath("/vs-init")).containsExactlyInAnyOrderElementsOf(
                ZnodeAcls.writableOnlyBy(ZnodeAcls.sasl("operator")));
        assertThat(topology.getACL().forPath("/vs-init/maintenance/slots")).containsExactlyInAnyOrderElementsOf(
                ZnodeAcls.writableOnlyBy(ZnodeAcls.sasl("topology")));
        // the topology cannot change thresholds; an intruder can plant nothing; the operator cannot forge a slot
        assertThatThrownBy(() -> topology.setData().forPath("/vs-init/thresholds", "{}".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.create().forPath("/vs-init/thresholds/patients/P1", "{}".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.create().forPath("/vs-init/other", new byte[0]))
                .isInstanceOf(KeeperException.NoAuthException.class);
        assertThatThrownBy(() -> intruder.create().forPath("/vs-init/maintenance/leader/latch-0", new byte[0]))
                .isInstanceOf(KeeperException.NoAuthException.class);
        try (CuratorFramework operator = CuratorClients.startAsSaslUser(server.connectString(), "operator",
                operatorPassword)) {
            assertThatThrownBy(() -> operator.create().forPath("/vs-init/maintenance/slots/summary", new byte[0]))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void theTopologyAppliesTheOperatorsThresholdsAndRunsItsSlots() throws Exception {
        assertThat(thresholds("/vs-run", "init").status()).isZero();
        VitalStormSettings s = settings("/vs-run");
        try (LiveThresholds live = LiveThresholds.watch(s)) {
            Path doc = Files.writeString(dir.resolve("high.json"), "{\"alertTrigger\":\"HIGH\"}");
            Result set = thresholds("/vs-run", "set", doc.toString(), "--ward", "W1", "--reason", "sasl test");
            assertThat(set.status()).as(set.err()).isZero();
            Await.until("the ward override applied", Duration.ofSeconds(10), () -> live.forPatient("P1", "W1"),
                    t -> t.alertTrigger() == RiskBand.HIGH);
            assertThat(live.untrustedUpdates()).isZero();
        }
        try (MaintenanceLeadership leader = MaintenanceLeadership.join(topology, "/vs-run", "c1")) {
            Await.until("leadership", Duration.ofSeconds(10), leader::fence, Optional::isPresent);
            FencedJobSlots slots = new FencedJobSlots(topology, "/vs-run", Optional.of(ZnodeAcls.sasl("topology")));
            FencedJobSlots.Claim claim = slots.claim("summary", "2026-12-01T00:00:00Z", leader.fence().get())
                    .orElseThrow();
            slots.complete(claim, leader.fence().get());
            assertThat(slots.isDone("summary", "2026-12-01T00:00:00Z")).isTrue();
            assertThat(topology.getACL().forPath(claim.path())).containsExactlyInAnyOrderElementsOf(
                    ZnodeAcls.writableOnlyBy(ZnodeAcls.sasl("topology")));
            assertThatThrownBy(() -> intruder.setData().forPath(claim.path(), "{\"done\":false}".getBytes()))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void znodesPlantedBeforeInitAreReportedByInitAndRefusedByTheTopology() throws Exception {
        // someone reached ZooKeeper first: the root and a global document of their own, and a forged "done" slot
        intruder.create().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath("/vs-planted", new byte[0]);
        intruder.create().withACL(ZnodeAcls.writableOnlyBy(ZnodeAcls.sasl("intruder")))
                .forPath("/vs-planted/thresholds", "{\"alertTrigger\":\"HIGH\"}".getBytes(StandardCharsets.UTF_8));
        String slot = "/vs-planted/maintenance/slots/summary/2026-12-01T00:00:00Z";
        intruder.create().creatingParentsIfNeeded().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE, true)
                .forPath(slot, "{\"fence\":\"x\",\"done\":true}".getBytes(StandardCharsets.UTF_8));

        Result init = thresholds("/vs-planted", "init");
        assertThat(init.status()).isEqualTo(1);
        assertThat(init.err()).contains("ERROR /vs-planted/thresholds: exists with a foreign ACL [sasl:intruder=cdrwa");

        try (LiveThresholds live = LiveThresholds.watch(settings("/vs-planted"))) {
            assertThat(live.global()).isEqualTo(Thresholds.DEFAULTS);
            assertThat(live.untrustedUpdates()).isPositive();
        }

        FencedJobSlots slots = new FencedJobSlots(topology, "/vs-planted", Optional.of(ZnodeAcls.sasl("topology")));
        assertThat(slots.isDone("summary", "2026-12-01T00:00:00Z")).isFalse();
        String fence = topology.create().withMode(CreateMode.EPHEMERAL).forPath("/vs-planted/fence-of-test");
        assertThat(slots.claim("summary", "2026-12-01T00:00:00Z", fence)).isEmpty();
        assertThat(slots.untrustedSlots()).isEqualTo(2);

        MaintenanceScheduler scheduler = new MaintenanceScheduler(topology, "/vs-planted", "c1", List.of(),
                Duration.ofSeconds(1),
                Clock.systemUTC(), Optional.of(ZnodeAcls.sasl("topology")));
        assertThatThrownBy(scheduler::start).hasMessageContaining("/vs-planted/maintenance/slots");
        scheduler.close();
    }
}

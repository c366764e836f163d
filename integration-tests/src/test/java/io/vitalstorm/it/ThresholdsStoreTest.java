package io.vitalstorm.it;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.coordination.ConcurrentEditException;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.coordination.OperatorCredentials;
import io.vitalstorm.coordination.ThresholdsChange;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import io.vitalstorm.infra.LocalInfrastructure;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator's side on the real ZooKeeper: audited compare-and-set writes, history, rollback,
 * ACLs that refuse anyone else, overrides and quick series of changes reaching a watcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdsStoreTest {

    private static final OperatorCredentials OPERATOR = new OperatorCredentials("ops", "test-only-secret");

    private String connect;
    private CuratorFramework anonymous;

    @BeforeAll
    void connect() {
        connect = LocalInfrastructure.shared().zookeeperConnect();
        anonymous = CuratorClients.startNew(connect);
    }

    @AfterAll
    void close() {
        anonymous.close();
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CuratorFramework operator(String root) {
        return CuratorClients.startAsOperator(connect, root, OPERATOR);
    }

    private static ThresholdsStore store(CuratorFramework client, String root) {
        return new ThresholdsStore(client, root, Clock.systemUTC());
    }

    @Test
    void setIsAuditedAndRollbackRestoresAnEarlierDocument() throws Exception {
        try (CuratorFramework operatorClient = operator("/ts-audit")) {
            ThresholdsStore store = store(operatorClient, "/ts-audit");
            ThresholdsScope ward = ThresholdsScope.ward("Ward 5A");
            ThresholdsStore.Applied first = store.set(ward, json("{\"alertTrigger\":\"MEDIUM\"}"), -1, "alice",
                    "night shift pilot");
            ThresholdsStore.Applied second = store.set(ward, json("{\"alertTrigger\":\"HIGH\"}"), first.version(),
                    "bob", "too many alerts");
            assertThat(second.version()).isEqualTo(first.version() + 1);

            List<ThresholdsChange> history = store.history(ward);
            assertThat(history).extracting(ThresholdsChange::who).containsExactly("alice", "bob");
            assertThat(history).extracting(ThresholdsChange::why)
                    .containsExactly("night shift pilot", "too many alerts");
            assertThat(history.get(0).before()).isNull();
            assertThat(history.get(1).before()).isEqualTo("{\"alertTrigger\":\"MEDIUM\"}");
            assertThat(history.get(1).fromVersion()).isEqualTo(first.version());

            store.rollback(ward, first.change(), "carol", "pilot over");
            assertThat(store.read(ward).orElseThrow().text()).isEqualTo("{\"alertTrigger\":\"MEDIUM\"}");
            ThresholdsChange last = store.history(ward).get(2);
            assertThat(last.who()).isEqualTo("carol");
            assertThat(last.why()).contains("pilot over").contains("rollback to change " + first.change());
            // the global document was laid out with the defaults on the first change
            assertThat(ThresholdsJson.parse(store.read(ThresholdsScope.GLOBAL).orElseThrow().json()).alertTrigger())
                    .isEqualTo(RiskBand.LOW_MEDIUM);
        }
    }

    @Test
    void aWriteWithAStaleVersionFailsAndOverwritesNothing() throws Exception {
        try (CuratorFramework operatorClient = operator("/ts-cas")) {
            ThresholdsStore store = store(operatorClient, "/ts-cas");
            ThresholdsScope p = ThresholdsScope.patient("P-1");
            ThresholdsStore.Applied a = store.set(p, json("{\"alertTrigger\":\"MEDIUM\"}"), -1, "alice", "first");
            store.set(p, json("{\"alertTrigger\":\"HIGH\"}"), a.version(), "bob", "bob was quicker");

            assertThatThrownBy(() -> store.set(p, json("{\"resolveAfterMinutes\":5}"), a.version(), "alice", "stale"))
                    .isInstanceOf(ConcurrentEditException.class).hasMessageContaining("changed concurrently");
            assertThatThrownBy(() -> store.set(p, json("{\"resolveAfterMinutes\":5}"), -1, "alice", "thinks it is new"))
                    .isInstanceOf(ConcurrentEditException.class);
            assertThat(store.read(p).orElseThrow().text()).isEqualTo("{\"alertTrigger\":\"HIGH\"}");
            assertThat(store.history(p)).hasSize(2);
        }
    }

    @Test
    void invalidDocumentsAndMissingReasonsAreRefusedBeforeWriting() throws Exception {
        try (CuratorFramework operatorClient = operator("/ts-invalid")) {
            ThresholdsStore store = store(operatorClient, "/ts-invalid");
            assertThatIllegalArgumentException().isThrownBy(() ->
                    store.set(ThresholdsScope.GLOBAL, json("{\"alertTrigger\":\"LOW\"}"), -1, "alice", "why not"));
            assertThatIllegalArgumentException().isThrownBy(() ->
                    store.set(ThresholdsScope.GLOBAL, json("{\"alertTrigger\":\"HIGH\"}"), -1, "alice", " "));
            assertThat(store.read(ThresholdsScope.GLOBAL)).isEmpty();
        }
    }

    @Test
    void onlyTheOperatorMayChangeThresholdsButEveryoneMayRead() throws Exception {
        String root = "/ts-acl";
        try (CuratorFramework operatorClient = operator(root)) {
            ThresholdsStore store = store(operatorClient, root);
            store.set(ThresholdsScope.ward("W"), json("{\"alertTrigger\":\"HIGH\"}"), -1, "alice", "set up");
            String global = store.paths().base();
            String ward = store.paths().node(ThresholdsScope.ward("W"));

            assertThat(new String(anonymous.getData().forPath(ward), StandardCharsets.UTF_8)).contains("HIGH");
            assertThatThrownBy(() -> anonymous.setData().forPath(global, json("{\"alertTrigger\":\"HIGH\"}")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.setData().forPath(ward, json("{}")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() ->
                    anonymous.create().forPath(store.paths().node(ThresholdsScope.patient("X")), json("{}")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.delete().forPath(ward))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.delete().forPath(global))
                    .isInstanceOf(KeeperException.NotEmptyException.class);
            assertThatThrownBy(() ->
                    anonymous.setACL().withACL(org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(global))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() ->
                    anonymous.create()
                    .forPath(store.paths().history(ThresholdsScope.ward("W")) + "/change-9", json("{}")))
                    .isInstanceOf(KeeperException.NoAuthException.class);

            try (CuratorFramework impostor = CuratorClients.startAsOperator(connect, root,
                    new OperatorCredentials("ops", "guess"))) {
                ThresholdsStore forged = new ThresholdsStore(impostor, root, Clock.systemUTC());
                int version = forged.read(ThresholdsScope.ward("W")).orElseThrow().version();
                assertThatThrownBy(() ->
                        forged.set(ThresholdsScope.ward("W"), json("{\"alertTrigger\":\"MEDIUM\"}"), version,
                                "eve", "x"))
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
            assertThat(store.read(ThresholdsScope.ward("W")).orElseThrow().text()).contains("HIGH");
        }
    }

    @Test
    void aDocumentCreatedOpenBeforeAclsIsLockedByTheFirstOperatorChange() throws Exception {
        String root = "/ts-legacy";
        // as a version before ACLs did: created by anyone, writable by anyone
        anonymous.create().creatingParentsIfNeeded()
                .forPath(root + "/thresholds", ThresholdsJson.toJson(Thresholds.DEFAULTS));
        try (CuratorFramework operatorClient = operator(root)) {
            ThresholdsStore store = store(operatorClient, root);
            store.ensureLayout(ThresholdsScope.GLOBAL);
            int version = store.read(ThresholdsScope.GLOBAL).orElseThrow().version();
            store.set(ThresholdsScope.GLOBAL, json("{\"alertTrigger\":\"MEDIUM\"}"), version, "alice", "lock it down");
            assertThatThrownBy(() -> anonymous.setData().forPath(root + "/thresholds", json("{}")))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    @Test
    void aWatcherResolvesOverridesAndKeepsTheLastGoodOnABadOne() throws Exception {
        String root = "/ts-watch";
        try (CuratorFramework operatorClient = operator(root); LiveThresholds live = LiveThresholds.watch(
                anonymous, root)) {
            ThresholdsStore store = store(operatorClient, root);
            store.set(ThresholdsScope.ward("W"), json("{\"alertTrigger\":\"HIGH\"}"), -1, "alice", "ward");
            store.set(ThresholdsScope.patient("P"), json("{\"alertTrigger\":\"MEDIUM\"}"), -1, "alice", "patient");
            Await.until("both overrides", Duration.ofSeconds(10), () -> live.forPatient("P", "W").alertTrigger(),
                    t -> t == RiskBand.MEDIUM);
            assertThat(live.forPatient("Q", "W").alertTrigger()).isEqualTo(RiskBand.HIGH);
            assertThat(live.forPatient("Q", "Other").alertTrigger()).isEqualTo(RiskBand.LOW_MEDIUM);

            // bypass validation as a careless operator script would: the watcher refuses it
            operatorClient.setData()
                    .forPath(store.paths().node(ThresholdsScope.ward("W")), json("{\"alertTrigger\":\"SOON\"}"));
            Await.until("the bad ward document to be counted", Duration.ofSeconds(10), live::rejectedUpdates,
                    n -> n == 1);
            assertThat(live.forPatient("Q", "W").alertTrigger()).isEqualTo(RiskBand.HIGH);

            operatorClient.delete().forPath(store.paths().node(ThresholdsScope.ward("W")));
            Await.until("the ward override to be dropped", Duration.ofSeconds(10),
                    () -> live.forPatient("Q", "W").alertTrigger(),
                    t -> t == RiskBand.LOW_MEDIUM);
        }
    }

    /**
     * Every change in a quick series reaches the watcher and the last one stays in force (the
     * timing of this path is measured by bench/.../ThresholdsPropagationBenchmark, not asserted here).
     */
    @Test
    void everyChangeOfAQuickSeriesReachesTheWatcher() throws Exception {
        String root = "/ts-series";
        try (CuratorFramework operatorClient = operator(root); LiveThresholds live = LiveThresholds.watch(
                anonymous, root)) {
            ThresholdsStore store = store(operatorClient, root);
            ThresholdsScope scope = ThresholdsScope.GLOBAL;
            store.ensureLayout(scope);
            int version = store.read(scope).orElseThrow().version();
            for (int minutes = 16; minutes <= 40; minutes++) {
                version = store.set(scope, json("{\"resolveAfterMinutes\":" + minutes + "}"), version, "it", "series")
                        .version();
                int expected = minutes;
                Await.until("change to " + minutes + " min applied", Duration.ofSeconds(10),
                        () -> live.global().resolveAfter().toMinutes(), m -> m == expected);
            }
            assertThat(store.history(scope)).hasSize(25);
            assertThat(live.rejectedUpdates()).isZero();
            assertThat(live.global().resolveAfter()).isEqualTo(Duration.ofMinutes(40));
        }
    }
}

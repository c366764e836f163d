package io.vitalstorm.it;

import io.vitalstorm.cli.DemoCommand;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.testsupport.Await;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The thresholds tree on the real ZooKeeper, as the topology and the demo meet it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdsZnodeTest {

    private CuratorFramework zk;

    @BeforeAll
    void connect() {
        zk = CuratorClients.startNew(LocalInfrastructure.shared().zookeeperConnect());
    }

    @AfterAll
    void close() {
        zk.close();
    }

    @Test
    void anAbsentTreeMeansTheDefaultsAndTheTopologyDoesNotWriteIt() throws Exception {
        try (LiveThresholds live = LiveThresholds.watch(zk, "/tz-absent")) {
            assertThat(live.get()).isEqualTo(Thresholds.DEFAULTS);
            assertThat(live.forPatient("P1", "W1")).isEqualTo(Thresholds.DEFAULTS);
        }
        assertThat(zk.checkExists().forPath("/tz-absent/thresholds")).isNull();
    }

    @Test
    void theDemosThresholdsAreAnAuditedOperatorChangeThatARunningWatchApplies() throws Exception {
        String connect = LocalInfrastructure.shared().zookeeperConnect();
        try (LiveThresholds live = LiveThresholds.watch(zk, "/tz-demo")) {
            DemoCommand.setDemoThresholds(connect, "/tz-demo",
                    new Thresholds(RiskBand.HIGH, Duration.ofMinutes(1), Thresholds.DEFAULTS.scoring()));

            Await.until("the watch to apply trigger HIGH", Duration.ofSeconds(10), live::get,
                    t -> t.alertTrigger() == RiskBand.HIGH);
            assertThat(live.get().resolveAfter()).isEqualTo(Duration.ofMinutes(1));
        }
        assertThat(zk.getChildren().forPath("/tz-demo/thresholds-history/global")).hasSize(1);
        assertThatThrownBy(() -> zk.setData().forPath("/tz-demo/thresholds", "{}".getBytes()))
                .isInstanceOf(KeeperException.NoAuthException.class);
    }
}

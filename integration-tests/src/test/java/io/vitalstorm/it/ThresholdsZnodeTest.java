package io.vitalstorm.it;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.coordination.ThresholdsZnode;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.infra.LocalInfrastructure;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The thresholds znode on the real ZooKeeper: defaults on first read, live updates, bad documents refused. */
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
    void anAbsentZnodeIsCreatedWithTheDefaults() throws Exception {
        ThresholdsZnode znode = new ThresholdsZnode(zk, "/tz-defaults");
        assertThat(zk.checkExists().forPath(znode.path())).isNull();

        assertThat(znode.readOrCreateDefaults()).isEqualTo(Thresholds.DEFAULTS);
        assertThat(ThresholdsJson.parse(zk.getData().forPath("/tz-defaults/thresholds"))).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    void aWatchingTaskSeesAChangeAndKeepsTheLastGoodValueOnABadOne() throws Exception {
        try (LiveThresholds live = LiveThresholds.watch(zk, "/tz-live")) {
            assertThat(live.get().alertTrigger()).isEqualTo(RiskBand.LOW_MEDIUM);

            new ThresholdsZnode(zk, "/tz-live").write(new Thresholds(RiskBand.HIGH, Duration.ofMinutes(5),
                    Thresholds.DEFAULTS.scoring()));
            Await.until("the watch to apply trigger HIGH", Duration.ofSeconds(10), live::get,
                    t -> t.alertTrigger() == RiskBand.HIGH);
            assertThat(live.get().resolveAfter()).isEqualTo(Duration.ofMinutes(5));

            zk.setData().forPath("/tz-live/thresholds", "{\"alertTrigger\":\"SOMETIMES\"}".getBytes(StandardCharsets.UTF_8));
            Await.until("the bad document to be counted", Duration.ofSeconds(10), live::rejectedUpdates, n -> n == 1);
            assertThat(live.get().alertTrigger()).isEqualTo(RiskBand.HIGH);
        }
    }
}

package io.vitalstorm.it;

import io.vitalstorm.testsupport.Await;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.FencedJobSlots;
import io.vitalstorm.coordination.MaintenanceLeadership;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.testsupport.ZooKeeperSessions;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leader election and fenced job slots on the real ZooKeeper: the leader's session is killed in
 * the middle of a slot; the old leader can no longer complete it, the other contender takes over
 * and completes it, and no slot completes twice.
 */
class MaintenanceLeadershipTest {

    private static final String ROOT = "/maint-it";
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void slotsAreNamedByTheirStart() {
        assertThat(FencedJobSlots.slotOf(Instant.parse("2026-11-22T10:27:41Z"), TEN_MINUTES))
                .isEqualTo("2026-11-22T10:20:00Z");
    }

    @Test
    void aLeaderThatLosesItsSessionCannotWriteAndTheOtherTakesOverTheSlot() throws Exception {
        String connect = LocalInfrastructure.shared().zookeeperConnect();
        try (CuratorFramework a = CuratorClients.startNew(
                connect); CuratorFramework b = CuratorClients.startNew(connect);
             MaintenanceLeadership la = MaintenanceLeadership.join(a, ROOT, "worker-a")) {
            String fenceA = Await.until("worker-a to lead", Duration.ofSeconds(10), la::fence, Optional::isPresent)
                    .orElseThrow();
            try (MaintenanceLeadership lb = MaintenanceLeadership.join(b, ROOT, "worker-b")) {
                FencedJobSlots slotsA = new FencedJobSlots(a, ROOT);
                FencedJobSlots slotsB = new FencedJobSlots(b, ROOT);
                assertThat(lb.fence()).isEmpty();

                FencedJobSlots.Claim s1 = slotsA.claim("summary", "S1", fenceA).orElseThrow();
                slotsA.complete(s1, fenceA);
                assertThat(slotsA.claim("summary", "S1", fenceA)).isEmpty();                 // done: never again

                FencedJobSlots.Claim s2 = slotsA.claim("summary", "S2", fenceA).orElseThrow();  // mid-cycle...
                long killedAt = System.nanoTime();
                ZooKeeperSessions.kill(connect, a.getZookeeperClient().getZooKeeper());
                assertThatThrownBy(() -> slotsA.complete(s2, fenceA)).isInstanceOf(KeeperException.class);
                assertThat(slotsA.isDone("summary", "S2")).isFalse();

                String fenceB = Await.until("worker-b to take over", Duration.ofSeconds(20), lb::fence,
                        Optional::isPresent).orElseThrow();
                System.out.printf("maintenance leader failover after session loss: %.0f ms%n",
                        (System.nanoTime() - killedAt) / 1e6);
                FencedJobSlots.Claim taken = slotsB.claim("summary", "S2", fenceB).orElseThrow();   // not skipped
                slotsB.complete(taken, fenceB);
                assertThat(slotsB.isDone("summary", "S2")).isTrue();
                assertThat(slotsB.claim("summary", "S2", fenceB)).isEmpty();
                assertThatThrownBy(() -> slotsA.claim("summary", "S3", fenceA)).isInstanceOf(KeeperException.class);
            }
        }
    }
}

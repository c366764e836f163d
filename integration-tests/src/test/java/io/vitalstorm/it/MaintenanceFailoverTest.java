package io.vitalstorm.it;

import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.FencedJobSlots;
import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.maintenance.MaintenanceJob;
import io.vitalstorm.maintenance.MaintenanceScheduler;
import io.vitalstorm.maintenance.PeriodicSlots;
import io.vitalstorm.maintenance.ScheduledJob;
import io.vitalstorm.testsupport.Await;
import io.vitalstorm.testsupport.ZooKeeperSessions;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance scheduler of two workers on the real ZooKeeper, with a one-second job: the
 * leader's session is killed while it is in the middle of a slot. The other contender takes over
 * within the session timeout, the old leader writes nothing more, and every slot from the first to
 * the last is written exactly once, none skipped.
 */
class MaintenanceFailoverTest {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15); // CuratorClients

    /** Writes each slot to a shared ledger after checking the fence, as a real job checks before each write. */
    private static class LedgerJob implements MaintenanceJob {
        private final String writer;
        private final Map<String, List<String>> ledger;
        private final int holdAtRun;
        private final AtomicInteger runs = new AtomicInteger();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile String heldSlot;

        LedgerJob(String writer, Map<String, List<String>> ledger, int holdAtRun) {
            this.writer = writer;
            this.ledger = ledger;
            this.holdAtRun = holdAtRun;
        }

        @Override
        public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
            if (runs.incrementAndGet() == holdAtRun) {
                heldSlot = slot;
                held.countDown();
                release.await(30, TimeUnit.SECONDS); // mid-cycle: work done, write not yet made
            }
            fence.ensureHeld();
            ledger.computeIfAbsent(slot, k -> new CopyOnWriteArrayList<>()).add(writer);
            return Map.of("written", 1);
        }
    }

    private static List<ScheduledJob> everySecond(MaintenanceJob job) {
        return List.of(new ScheduledJob("ledger", job, new PeriodicSlots(PERIOD, 60)));
    }

    @Test
    void anotherWorkerTakesOverMidCycleAndNoSlotIsWrittenTwiceOrSkipped() throws Exception {
        String connect = LocalInfrastructure.shared().zookeeperConnect();
        String root = "/maint-failover";
        Map<String, List<String>> ledger = new ConcurrentSkipListMap<>();
        LedgerJob jobA = new LedgerJob("worker-a", ledger, 3);
        LedgerJob jobB = new LedgerJob("worker-b", ledger, -1);
        try (CuratorFramework a = CuratorClients.startNew(
                connect); CuratorFramework b = CuratorClients.startNew(connect);
             MaintenanceScheduler workerA = new MaintenanceScheduler(a, root, "worker-a", everySecond(jobA), TICK,
                     Clock.systemUTC()).start()) {
            Await.until("worker-a to lead", Duration.ofSeconds(10), workerA::isLeader, l -> l);
            try (MaintenanceScheduler workerB = new MaintenanceScheduler(b, root, "worker-b", everySecond(jobB), TICK,
                    Clock.systemUTC()).start()) {
                assertThat(jobA.held.await(20, TimeUnit.SECONDS)).as("worker-a reached its third slot").isTrue();
                long killedAt = System.nanoTime();
                ZooKeeperSessions.kill(connect, a.getZookeeperClient().getZooKeeper());
                Await.until("worker-b to take over", SESSION_TIMEOUT, workerB::isLeader, l -> l);
                long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.printf(
                        "maintenance failover: worker-b leads %d ms after worker-a's session was killed mid-slot%n",
                        failoverMillis);
                jobA.release.countDown(); // worker-a resumes after losing its session: its fence check must stop it

                String held = jobA.heldSlot;
                Await.until("worker-b to write the held slot and three more", Duration.ofSeconds(20),
                        () -> ledger.keySet().stream().filter(s -> s.compareTo(held) > 0).count(), n -> n >= 3);
                Thread.sleep(300); // let worker-a's resumed run reach its fence check

                List<String> written = new ArrayList<>(ledger.keySet());
                assertThat(ledger.get(held)).as("the held slot, written by the new leader only")
                        .containsExactly("worker-b");
                ledger.forEach((slot, writers) -> assertThat(writers).as("writers of " + slot).hasSize(1));
                for (int i = 1; i < written.size(); i++) {
                    assertThat(Duration.between(Instant.parse(written.get(i - 1)), Instant.parse(written.get(i))))
                            .as("no slot skipped between " + written.get(i - 1) + " and " + written.get(i))
                            .isEqualTo(PERIOD);
                }
                assertThat(written.subList(0, 2))
                        .allSatisfy(s -> assertThat(ledger.get(s)).containsExactly("worker-a"));
                FencedJobSlots slots = new FencedJobSlots(b, root);
                for (String s : written) {
                    assertThat(slots.isDone("ledger", s)).as(s + " recorded done in ZooKeeper").isTrue();
                }
                assertThat(failoverMillis).isLessThan(SESSION_TIMEOUT.toMillis());
                assertThat(workerA.isLeader()).isFalse();
            }
        }
    }

    @Test
    void aFailedRunIsCountedAndItsSlotRetriedOnTheNextTick() throws Exception {
        String connect = LocalInfrastructure.shared().zookeeperConnect();
        Map<String, List<String>> ledger = new ConcurrentSkipListMap<>();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> failedSlot = new AtomicReference<>();
        MaintenanceJob failsOnce = new LedgerJob("worker", ledger, -1) {
            @Override
            public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
                if (attempts.incrementAndGet() == 1) {
                    failedSlot.set(slot);
                    throw new IllegalStateException("Cassandra timed out (test)");
                }
                return super.run(slot, fence);
            }
        };
        try (CuratorFramework c = CuratorClients.startNew(connect);
             MaintenanceScheduler worker = new MaintenanceScheduler(c, "/maint-retry", "worker",
                     everySecond(failsOnce), TICK,
                     Clock.systemUTC()).start()) {
            Await.until("a slot written after the failure", Duration.ofSeconds(10), ledger::size, n -> n >= 2);
            assertThat(ledger).containsKey(failedSlot.get());
            assertThat(worker.failedRuns("ledger")).isEqualTo(1);
            assertThat(worker.completedRuns("ledger")).isGreaterThanOrEqualTo(2);
            ledger.forEach((slot, writers) -> assertThat(writers).hasSize(1));
        }
    }
}

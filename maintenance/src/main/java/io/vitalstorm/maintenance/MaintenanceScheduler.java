package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.FencedJobSlots;
import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.coordination.MaintenanceLeadership;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Id;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One maintenance contender: joins the leader election and, every tick while it leads, runs each
 * job's due slots through {@link FencedJobSlots} (claim, run, complete in a fenced transaction).
 * A failing job is logged and counted and its slot stays not-done: it is retried with backoff
 * (or by the next leader) while the job's other slots go ahead; nothing here ever throws into the
 * caller's thread.
 */
public final class MaintenanceScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceScheduler.class);
    private static final Duration FORGET_MARGIN = Duration.ofHours(1);

    private final CuratorFramework client;
    private final String root;
    private final String contenderId;
    private final List<ScheduledJob> jobs;
    private final Duration tick;
    private final Clock clock;
    private final FencedJobSlots slots;
    private final ScheduledExecutorService executor;
    /** Slots known done, per job: done is final, so ZooKeeper is asked once per slot. */
    private final Map<String, TreeSet<String>> done = new HashMap<>();
    /** Failed slots, per job: when each may be tried again (backing off, so one bad slot does not hold up the rest). */
    private final Map<String, TreeMap<String, Retry>> retries = new HashMap<>();
    private final Map<String, AtomicLong> completed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private volatile MaintenanceLeadership leadership;
    private Instant epoch;

    public MaintenanceScheduler(CuratorFramework client, String root, String contenderId, List<ScheduledJob> jobs,
                                Duration tick, Clock clock) {
        this(client, root, contenderId, jobs, tick, clock, Optional.empty());
    }

    /**
     * With {@code slotWriter} (SASL installs: the topology's identity) only znodes it alone can change are followed.
     */
    public MaintenanceScheduler(CuratorFramework client, String root, String contenderId, List<ScheduledJob> jobs,
                                Duration tick, Clock clock, Optional<Id> slotWriter) {
        this.client = client;
        this.root = root;
        this.contenderId = contenderId;
        this.jobs = List.copyOf(jobs);
        this.tick = tick;
        this.clock = clock;
        this.slots = new FencedJobSlots(client, root, slotWriter);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vitalstorm-maintenance-" + contenderId);
            t.setDaemon(true);
            return t;
        });
        jobs.forEach(j -> {
            completed.put(j.name(), new AtomicLong());
            failed.put(j.name(), new AtomicLong());
        });
    }

    public MaintenanceScheduler start() throws Exception {
        slots.requireTrusted(ZKPaths.makePath(root, "maintenance", "leader"));
        slots.requireTrusted(ZKPaths.makePath(root, "maintenance", "slots"));
        leadership = MaintenanceLeadership.join(client, root, contenderId);
        executor.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public boolean isLeader() {
        return leadership != null && leadership.fence().isPresent();
    }

    public String contenderId() {
        return contenderId;
    }

    public long completedRuns(String job) {
        return completed.get(job).get();
    }

    /** Slot records and folders refused because someone other than the topology could change them. */
    public long untrustedZnodes() {
        return slots.untrustedSlots();
    }

    public long failedRuns(String job) {
        return failed.get(job).get();
    }

    private void tick() {
        try {
            Optional<String> fencePath = leadership.fence();
            if (fencePath.isPresent()) {
                runDueSlots(new LeaderFence(client, fencePath.get()));
            }
        } catch (LeaderFence.LeadershipLostException e) {
            LOG.warn("maintenance leader={} stopped before writing: {}", contenderId, e.getMessage());
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            // e.g. ZooKeeper unreachable: the next tick tries again; the worker keeps running
            LOG.warn("maintenance leader={} tick failed: {}", contenderId, t.toString());
        }
    }

    private void runDueSlots(LeaderFence fence) throws Exception {
        Instant now = clock.instant();
        Instant since = epoch();
        for (ScheduledJob job : jobs) {
            List<String> due = job.schedule().due(now, since);
            if (due.isEmpty()) {
                continue;
            }
            TreeSet<String> known = done.computeIfAbsent(job.name(), k -> new TreeSet<>());
            known.headSet(due.get(0)).clear();
            TreeMap<String, Retry> failing = retries.computeIfAbsent(job.name(), k -> new TreeMap<>());
            failing.headMap(due.get(0)).clear();
            boolean ranAny = false;
            for (String slot : due) {
                Retry retry = failing.get(slot);
                if (known.contains(slot) || (retry != null && retry.notBefore().isAfter(now))) {
                    continue;
                }
                ranAny = true;
                if (runSlot(job, slot, fence, known)) {
                    failing.remove(slot);
                } else {
                    failing.put(slot, Retry.after(retry, now, tick));
                    break; // at most one failure per job and tick: a broken dependency does not flood the log
                }
            }
            if (ranAny) {
                slots.forgetOlderThan(job.name(), oldestKept(job, now, since, due), fence.path());
            }
        }
    }

    /** @return false when the slot could not be completed now (failed, or held by another live leader) */
    private boolean runSlot(ScheduledJob job, String slot, LeaderFence fence, TreeSet<String> known) throws Exception {
        Optional<FencedJobSlots.Claim> claim = slots.claim(job.name(), slot, fence.path());
        if (claim.isEmpty()) {
            if (slots.isDone(job.name(), slot)) {
                known.add(slot);
                return true;
            }
            return false;
        }
        long start = System.nanoTime();
        Map<String, Object> counts;
        try {
            counts = job.job().run(slot, fence);
        } catch (LeaderFence.LeadershipLostException lost) {
            throw lost;
        } catch (Exception e) {
            failed.get(job.name()).incrementAndGet();
            LOG.error("maintenance job={} slot={} leader={} result=failed duration={}ms error={}", job.name(), slot,
                    contenderId, millisSince(start), e.toString(), e);
            return false;
        }
        try {
            slots.complete(claim.get(), fence.path());
        } catch (KeeperException e) {
            throw new LeaderFence.LeadershipLostException("could not complete " + job.name() + " " + slot
                    + ": " + e, e);
        }
        known.add(slot);
        completed.get(job.name()).incrementAndGet();
        LOG.info("maintenance job={} slot={} leader={} result=ok {} duration={}ms", job.name(), slot, contenderId,
                format(counts), millisSince(start));
        return true;
    }

    /**
     * Slot records are kept for the window as it was an hour ago too: a leader whose clock lags
     * still finds the slots it would consider done, instead of running them again.
     */
    private static String oldestKept(ScheduledJob job, Instant now, Instant epoch, List<String> due) {
        List<String> earlier = job.schedule().due(now.minus(FORGET_MARGIN), epoch);
        return earlier.isEmpty() || earlier.get(0).compareTo(due.get(0)) > 0 ? due.get(0) : earlier.get(0);
    }

    /** When maintenance first ran in this installation (created once): periodic jobs never run slots before it. */
    private Instant epoch() throws Exception {
        if (epoch == null) {
            String path = ZKPaths.makePath(root, "maintenance", "epoch");
            try {
                client.create().creatingParentContainersIfNeeded()
                        .forPath(path, clock.instant().toString().getBytes(StandardCharsets.UTF_8));
            } catch (KeeperException.NodeExistsException firstRunWasEarlier) {
                // keep the first one
            }
            slots.requireTrusted(path);
            epoch = Instant.parse(new String(client.getData().forPath(path), StandardCharsets.UTF_8));
        }
        return epoch;
    }

    /** Exponential backoff of a failed slot: a tick, then doubling, at most ten minutes. */
    private record Retry(int failures, Instant notBefore) {
        static Retry after(Retry previous, Instant now, Duration tick) {
            int failures = previous == null ? 1 : previous.failures() + 1;
            long millis = Math.min(tick.toMillis() << Math.min(failures - 1, 20), Duration.ofMinutes(10).toMillis());
            return new Retry(failures, now.plusMillis(millis));
        }
    }

    private static String format(Map<String, Object> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Stops ticking and leaves the election (another contender takes over at once). */
    @Override
    public void close() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        if (leadership != null) {
            leadership.close();
        }
    }
}

package io.vitalstorm.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maintenance job slots ("summary for 10:20") recorded in ZooKeeper at
 * {@code <root>/maintenance/slots/<job>/<slot>}, so each slot completes at most once across leader
 * changes. Every write is one transaction that also checks the writer's fence (its ephemeral
 * leader znode, see {@link MaintenanceLeadership}): a leader that lost its session cannot claim or
 * complete anything. A slot claimed by a leader that died before completing is taken over by the
 * next leader, so no slot is skipped. With a trusted writer (SASL installs: the topology's identity)
 * a slot record that anyone else could have written is never followed: it is logged, counted
 * ({@link #untrustedSlots()}) and its slot is not run, rather than skipped as "done" on a forger's word.
 */
public final class FencedJobSlots {

    /** A slot this leader may run; pass it back to {@link #complete}. */
    public record Claim(String job, String slot, String path, int version) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FencedJobSlots.class);

    private final CuratorFramework client;
    private final String base;
    private final Optional<Id> writer;
    private final AtomicLong untrusted = new AtomicLong();

    public FencedJobSlots(CuratorFramework client, String root) {
        this(client, root, Optional.empty());
    }

    public FencedJobSlots(CuratorFramework client, String root, Optional<Id> writer) {
        this.client = client;
        this.base = ZKPaths.makePath(root, "maintenance", "slots");
        this.writer = writer;
    }

    /** Slot records refused because their ACL lets others than the trusted writer change them. */
    public long untrustedSlots() {
        return untrusted.get();
    }

    /**
     * Throws unless {@code path} (if it exists) can be changed by the trusted writer only; for the
     * folders and the epoch the scheduler relies on.
     */
    public void requireTrusted(String path) throws Exception {
        if (!trusted(path)) {
            throw new IllegalStateException("refusing " + path + ": its ACL lets others than the topology change it"
                    + " (see the log; recreate it with ./vitalstorm thresholds init)");
        }
    }

    private boolean trusted(String path) throws Exception {
        if (writer.isEmpty()) {
            return true;
        }
        List<ACL> acl;
        try {
            acl = client.getACL().forPath(path);
        } catch (KeeperException.NoNodeException absent) {
            return true;
        }
        if (ZnodeAcls.onlyWritableBy(acl, writer.get())) {
            return true;
        }
        untrusted.incrementAndGet();
        LOG.error("refused maintenance znode {}: its ACL [{}] lets others than {}:{} change it", path,
                ZnodeAcls.describe(acl),
                writer.get().getScheme(), writer.get().getId());
        return false;
    }

    /** The slot a time falls in, named by its start in UTC (e.g. {@code 2026-11-22T10:20:00Z}). */
    public static String slotOf(Instant t, Duration period) {
        long p = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), p) * p).toString();
    }

    /** Claims the slot for the leader holding {@code fence}; empty if it is done or another live leader runs it. */
    public Optional<Claim> claim(String job, String slot, String fence) throws Exception {
        String path = base + "/" + job + "/" + slot;
        client.createContainers(base + "/" + job);
        byte[] claim = record(fence, false);
        try {
            client.transaction().forOperations(client.transactionOp().check().forPath(fence),
                    client.transactionOp().create().forPath(path, claim));
            return Optional.of(new Claim(job, slot, path, 0));
        } catch (KeeperException.NodeExistsException claimedBefore) {
            return takeOver(job, slot, path, fence, claim);
        }
    }

    private Optional<Claim> takeOver(String job, String slot, String path, String fence,
            byte[] claim) throws Exception {
        if (!trusted(path)) {
            return Optional.empty();
        }
        Stat stat = new Stat();
        JsonNode existing = Json.MAPPER.readTree(client.getData().storingStatIn(stat).forPath(path));
        String owner = existing.path("fence").asText();
        if (existing.path("done").asBoolean()
                || (!owner.equals(fence) && client.checkExists().forPath(owner) != null)) {
            return Optional.empty();
        }
        // the claimant's session is gone (or it was this leader, whose run failed) and the slot
        // never completed: this leader runs it
        client.transaction().forOperations(client.transactionOp().check().forPath(fence),
                client.transactionOp().setData().withVersion(stat.getVersion()).forPath(path, claim));
        return Optional.of(new Claim(job, slot, path, stat.getVersion() + 1));
    }

    /** Marks the slot done, only if this leader still holds {@code fence} and still owns the claim. */
    public void complete(Claim c, String fence) throws Exception {
        client.transaction().forOperations(client.transactionOp().check().forPath(fence),
                client.transactionOp().setData().withVersion(c.version()).forPath(c.path(), record(fence, true)));
    }

    /**
     * Deletes the records of {@code job}'s slots named before {@code oldestKept} (slot names sort in
     * time order), fenced like every write: slots that old are never claimed again, and the
     * folder stays small.
     */
    public int forgetOlderThan(String job, String oldestKept, String fence) throws Exception {
        List<String> old;
        try {
            old = client.getChildren().forPath(base + "/" + job).stream().filter(s -> s.compareTo(oldestKept) < 0)
                    .toList();
        } catch (KeeperException.NoNodeException none) {
            return 0;
        }
        if (!old.isEmpty()) {
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(client.transactionOp().check().forPath(fence));
            for (String s : old) {
                ops.add(client.transactionOp().delete().forPath(base + "/" + job + "/" + s));
            }
            client.transaction().forOperations(ops);
        }
        return old.size();
    }

    public boolean isDone(String job, String slot) throws Exception {
        if (!trusted(base + "/" + job + "/" + slot)) {
            return false; // never "done" on a forger's word; claiming it is refused too
        }
        try {
            return Json.MAPPER.readTree(client.getData().forPath(base + "/" + job + "/" + slot)).path("done")
                    .asBoolean();
        } catch (KeeperException.NoNodeException never) {
            return false;
        }
    }

    private static byte[] record(String fence, boolean done) {
        ObjectNode o = Json.object();
        o.put("fence", fence);
        o.put("done", done);
        o.put("at", Instant.now().toString());
        return Json.bytes(o);
    }
}

package io.vitalstorm.coordination;

import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of the thresholds tree (what the CLI calls): read a document with its
 * znode version, change it with a compare-and-set on that version plus an audit record in one
 * ZooKeeper transaction, list the history, roll back. Documents are validated before writing.
 * Use it with an operator client ({@link CuratorClients#startAsOperator}); others get NoAuth.
 */
public final class ThresholdsStore {

    /** A document as stored, with the znode version a later write must match. */
    public record Stored(byte[] json, int version) {
        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /** What a successful change did. */
    public record Applied(int version, long change) {
    }

    static final String CHANGE_PREFIX = "change-";

    private final CuratorFramework client;
    private final ThresholdsPaths paths;
    private final Clock clock;

    public ThresholdsStore(CuratorFramework client, String root, Clock clock) {
        this.client = client;
        this.paths = new ThresholdsPaths(root);
        this.clock = clock;
    }

    public ThresholdsPaths paths() {
        return paths;
    }

    public Optional<Stored> read(ThresholdsScope scope) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] json = client.getData().storingStatIn(stat).forPath(paths.node(scope));
            return Optional.of(new Stored(json, stat.getVersion()));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        }
    }

    /**
     * Validates {@code json} and writes it if the stored document is still at {@code expectedVersion}
     * (-1: must not exist yet), together with its audit record.
     *
     * @throws IllegalArgumentException the document is invalid (nothing written)
     * @throws ConcurrentEditException  the document changed since it was read (nothing written)
     */
    public Applied set(ThresholdsScope scope, byte[] json, int expectedVersion, String who,
            String why) throws Exception {
        ThresholdsJson.parse(json);
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("a reason is required for every thresholds change");
        }
        ensureLayout(scope);
        Optional<Stored> before = read(scope);
        int actual = before.map(Stored::version).orElse(-1);
        if (actual != expectedVersion) {
            throw concurrentEdit(scope, expectedVersion, actual, null);
        }
        String node = paths.node(scope);
        ThresholdsChange record = new ThresholdsChange(-1, scope.toString(), who, clock.instant(), why, expectedVersion,
                before.map(Stored::text).orElse(null), new String(json, StandardCharsets.UTF_8));
        CuratorOp write = expectedVersion < 0
                ? client.transactionOp().create().forPath(node, json)
                : client.transactionOp().setData().withVersion(expectedVersion).forPath(node, json);
        CuratorOp audit = client.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(paths.history(scope) + "/" + CHANGE_PREFIX, record.toJson());
        List<CuratorTransactionResult> results;
        try {
            results = client.transaction().forOperations(write, audit);
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                | KeeperException.NoNodeException e) {
            throw concurrentEdit(scope, expectedVersion, read(scope).map(Stored::version).orElse(-1), e);
        }
        int version = expectedVersion < 0 ? 0 : results.get(0).getResultStat().getVersion();
        return new Applied(version, sequenceOf(results.get(1).getResultPath()));
    }

    /** Puts back the document as it was right after change {@code number}, as a new audited change. */
    public Applied rollback(ThresholdsScope scope, long number, String who, String why) throws Exception {
        ThresholdsChange target = history(scope).stream().filter(c -> c.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no change " + number + " in the history of " + scope));
        int current = read(scope).map(Stored::version).orElse(-1);
        String reason = why == null || why.isBlank() ? "rollback to change " + number
                : why + " (rollback to change " + number + ")";
        return set(scope, target.afterBytes(), current, who, reason);
    }

    /** Every audited change of one scope, oldest first. */
    public List<ThresholdsChange> history(ThresholdsScope scope) throws Exception {
        String dir = paths.history(scope);
        List<String> children;
        try {
            children = client.getChildren().forPath(dir);
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        }
        List<ThresholdsChange> out = new ArrayList<>();
        for (String child : children) {
            long n = sequenceOf(child);
            out.add(ThresholdsChange.fromJson(n, client.getData().forPath(dir + "/" + child)));
        }
        out.sort(Comparator.comparingLong(ThresholdsChange::number));
        return out;
    }

    /**
     * Creates the global document (defaults), the grouping nodes and the history folder with the
     * operator ACL, and tightens the ACL of nodes an older version created open. The grouping
     * children also stop anyone deleting the global document from the open parent.
     */
    public void ensureLayout(ThresholdsScope scope) throws Exception {
        createIfAbsent(paths.base(), ThresholdsJson.toJson(Thresholds.DEFAULTS));
        createIfAbsent(paths.wards(), new byte[0]);
        createIfAbsent(paths.patients(), new byte[0]);
        createIfAbsent(paths.history(scope), new byte[0]);
        boolean openToAll = client.getACL().forPath(paths.base()).stream()
                .anyMatch(a -> a.getId().getScheme().equals("world") && a.getPerms() != ZooDefs.Perms.READ);
        if (openToAll) {
            // created open by a version without ACLs: from now on only the operator may change it
            client.setACL().withACL(null).forPath(paths.base());
        }
    }

    private void createIfAbsent(String path, byte[] data) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // created by an earlier change
        }
    }

    static long sequenceOf(String path) {
        return Long.parseLong(path.substring(path.lastIndexOf(CHANGE_PREFIX) + CHANGE_PREFIX.length()));
    }

    private ConcurrentEditException concurrentEdit(ThresholdsScope scope, int expected, int actual, Throwable cause) {
        return new ConcurrentEditException("thresholds of " + scope + " changed concurrently: expected znode version "
                + (expected < 0 ? "(absent)" : expected) + ", found " + (actual < 0 ? "(absent)" : actual)
                + "; nothing written - read again, review, and retry", cause);
    }
}

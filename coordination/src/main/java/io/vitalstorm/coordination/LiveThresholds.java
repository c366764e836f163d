package io.vitalstorm.coordination;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.thresholds.ResolvedThresholds;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsDocuments;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thresholds in force, kept current by ONE {@link CuratorCache} on the whole thresholds tree
 * (global, ward and patient documents). Every change rebuilds an immutable
 * {@link ResolvedThresholds} on the cache's thread and publishes it with one volatile write; a
 * bolt's per-tuple {@link #forPatient} is a volatile read and two hash lookups. An invalid
 * document is logged and counted, and the last good document of that scope stays in force.
 * Reading needs no credentials (the documents are world-readable) and never writes. With a
 * trusted writer (SASL installs: the operator) a document, or the removal of an override, is
 * applied only if the znode and its parent can be changed by that identity alone; anything else
 * is logged, counted ({@link #untrustedUpdates()}) and ignored, so a znode someone else created
 * or opened up never steers the alerting.
 */
public final class LiveThresholds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveThresholds.class);
    private static final long INITIAL_LOAD_SECONDS = 30;

    private final ThresholdsPaths paths;
    private final ThresholdsDocuments documents = new ThresholdsDocuments();  // cache thread only
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong untrusted = new AtomicLong();
    private final CountDownLatch initialized = new CountDownLatch(1);
    private volatile ResolvedThresholds current = ResolvedThresholds.globalOnly(Thresholds.DEFAULTS);
    private final CuratorFramework client;
    private final Optional<Id> trustedWriter;
    private CuratorCache cache;

    private LiveThresholds(CuratorFramework client, ThresholdsPaths paths, Optional<Id> trustedWriter) {
        this.client = client;
        this.paths = paths;
        this.trustedWriter = trustedWriter;
    }

    /** Starts the watch and waits for the first full load, so the first tuple already sees ZooKeeper's values. */
    public static LiveThresholds watch(CuratorFramework client, String root) throws Exception {
        return watch(client, root, Optional.empty());
    }

    /**
     * The watch of a worker: the shared client of the topology's identity and, with SASL, only
     * documents that the configured operator alone can change.
     */
    public static LiveThresholds watch(VitalStormSettings s) throws Exception {
        Optional<Id> operator = s.zookeeperSecurity().sasl()
                ? Optional.of(ZnodeAcls.sasl(s.zookeeperSecurity().operatorPrincipal())) : Optional.empty();
        return watch(CuratorClients.shared(s), s.zookeeperRoot(), operator);
    }

    /** As {@link #watch(CuratorFramework, String)}, applying only documents {@code trustedWriter} alone can change. */
    public static LiveThresholds watch(CuratorFramework client, String root,
            Optional<Id> trustedWriter) throws Exception {
        LiveThresholds live = new LiveThresholds(client, new ThresholdsPaths(root), trustedWriter);
        live.cache = CuratorCache.build(client, live.paths.base());
        live.cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> live.onDocument(after))
                .forDeletes(live::onDelete)
                .forInitialized(live::onInitialized)
                .build());
        live.cache.start();
        if (!live.initialized.await(INITIAL_LOAD_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("thresholds tree {} not loaded within {} s; using defaults until it is", live.paths.base(),
                    INITIAL_LOAD_SECONDS);
        }
        return live;
    }

    private void onDocument(ChildData data) {
        Optional<ThresholdsScope> scope = paths.scopeOf(data.getPath());
        if (scope.isEmpty() || data.getData() == null
                || (data.getData().length == 0 && !scope.get().equals(ThresholdsScope.GLOBAL))) {
            return; // a grouping node (wards, patients) or something foreign
        }
        if (!trusted(data.getPath(), "document")) {
            return;
        }
        try {
            documents.accept(scope.get(), data.getData());
            LOG.info("thresholds of {} updated (znode version {})", scope.get(),
                    data.getStat() == null ? "?" : data.getStat().getVersion());
            publish();
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            LOG.error("rejected thresholds at {}: {}; keeping the last good ones", data.getPath(), e.getMessage());
        }
    }

    private void onDelete(ChildData data) {
        if (paths.scopeOf(data.getPath()).isPresent() && !trustedParent(data.getPath())) {
            return;
        }
        paths.scopeOf(data.getPath()).filter(documents::remove).ifPresent(scope -> {
            LOG.info("thresholds override of {} removed", scope);
            publish();
        });
    }

    /** The znode and its parent may be changed by the trusted writer only (always true without one). */
    private boolean trusted(String path, String what) {
        return trustedWriter.isEmpty() || (aclTrusted(path, what) && trustedParent(path));
    }

    private boolean trustedParent(String path) {
        return trustedWriter.isEmpty() || aclTrusted(ZKPaths.getPathAndNode(path).getPath(), "parent of " + path);
    }

    private boolean aclTrusted(String path, String what) {
        List<ACL> acl;
        try {
            acl = client.getACL().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            return true; // deleted meanwhile: its delete event follows and is checked on its own
        } catch (Exception e) {
            untrusted.incrementAndGet();
            LOG.error("cannot read the ACL of thresholds {} {}: {}; keeping the last good thresholds", what, path,
                    e.toString());
            return false;
        }
        if (ZnodeAcls.onlyWritableBy(acl, trustedWriter.get())) {
            return true;
        }
        untrusted.incrementAndGet();
        LOG.error("refused thresholds {} {}: its ACL [{}] lets others than {}:{} change it; keeping the last good "
                + "thresholds"
                        + " (recreate it with ./vitalstorm thresholds init / set as the operator)", what, path,
                        ZnodeAcls.describe(acl),
                trustedWriter.get().getScheme(), trustedWriter.get().getId());
        return false;
    }

    private void onInitialized() {
        initialized.countDown();
        publish();
    }

    private void publish() {
        if (initialized.getCount() == 0) {  // during the initial load, build once at the end
            current = documents.resolve();
            applied.incrementAndGet();
        }
    }

    /** The thresholds for one patient (patient override, else ward override, else global). */
    public Thresholds forPatient(String patientId, String ward) {
        return current.forPatient(patientId, ward);
    }

    /** The whole resolved snapshot; a new object after every applied change. */
    public ResolvedThresholds snapshot() {
        return current;
    }

    public Thresholds global() {
        return current.global();
    }

    /** Same as {@link #global()}; kept for callers that only know the global document. */
    public Thresholds get() {
        return global();
    }

    public long rejectedUpdates() {
        return rejected.get();
    }

    /** Documents and removals refused because someone other than the trusted writer could change the znode. */
    public long untrustedUpdates() {
        return untrusted.get();
    }

    /** How many snapshots have been published (1 after the initial load). */
    public long appliedUpdates() {
        return applied.get();
    }

    @Override
    public void close() {
        cache.close();
    }
}

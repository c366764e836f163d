package io.vitalstorm.coordination;

import io.vitalstorm.core.thresholds.ResolvedThresholds;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsDocuments;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Reading needs no credentials (the documents are world-readable) and never writes.
 */
public final class LiveThresholds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveThresholds.class);
    private static final long INITIAL_LOAD_SECONDS = 30;

    private final ThresholdsPaths paths;
    private final ThresholdsDocuments documents = new ThresholdsDocuments();  // cache thread only
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final CountDownLatch initialized = new CountDownLatch(1);
    private volatile ResolvedThresholds current = ResolvedThresholds.globalOnly(Thresholds.DEFAULTS);
    private CuratorCache cache;

    private LiveThresholds(ThresholdsPaths paths) {
        this.paths = paths;
    }

    /** Starts the watch and waits for the first full load, so the first tuple already sees ZooKeeper's values. */
    public static LiveThresholds watch(CuratorFramework client, String root) throws Exception {
        LiveThresholds live = new LiveThresholds(new ThresholdsPaths(root));
        live.cache = CuratorCache.build(client, live.paths.base());
        live.cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> live.onDocument(after))
                .forDeletes(live::onDelete)
                .forInitialized(live::onInitialized)
                .build());
        live.cache.start();
        if (!live.initialized.await(INITIAL_LOAD_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("thresholds tree {} not loaded within {} s; using defaults until it is", live.paths.base(), INITIAL_LOAD_SECONDS);
        }
        return live;
    }

    private void onDocument(ChildData data) {
        Optional<ThresholdsScope> scope = paths.scopeOf(data.getPath());
        if (scope.isEmpty() || data.getData() == null || (data.getData().length == 0 && !scope.get().equals(ThresholdsScope.GLOBAL))) {
            return; // a grouping node (wards, patients) or something foreign
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
        paths.scopeOf(data.getPath()).filter(documents::remove).ifPresent(scope -> {
            LOG.info("thresholds override of {} removed", scope);
            publish();
        });
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

    /** How many snapshots have been published (1 after the initial load). */
    public long appliedUpdates() {
        return applied.get();
    }

    @Override
    public void close() {
        cache.close();
    }
}

package io.vitalstorm.coordination;

import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The thresholds in force, kept current by a {@link CuratorCache} watch on the znode. A bolt
 * reads {@link #get()} per tuple (one volatile read); a change swaps in a whole new, validated
 * {@link Thresholds} at once. An invalid document is logged and counted, and the last good
 * thresholds stay in force.
 */
public final class LiveThresholds implements Supplier<Thresholds>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveThresholds.class);

    private final AtomicReference<Thresholds> current;
    private final AtomicLong rejected = new AtomicLong();
    private final CuratorCache cache;

    private LiveThresholds(Thresholds initial, CuratorCache cache) {
        this.current = new AtomicReference<>(initial);
        this.cache = cache;
    }

    public static LiveThresholds watch(CuratorFramework client, String root) throws Exception {
        ThresholdsZnode znode = new ThresholdsZnode(client, root);
        Thresholds initial = znode.readOrCreateDefaults();
        CuratorCache cache = CuratorCache.build(client, znode.path(), CuratorCache.Options.SINGLE_NODE_CACHE);
        LiveThresholds live = new LiveThresholds(initial, cache);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, after) -> live.apply(after))
                .build());
        cache.start();
        return live;
    }

    private void apply(ChildData data) {
        try {
            Thresholds next = ThresholdsJson.parse(data.getData());
            current.set(next);
            LOG.info("thresholds updated from {} (znode version {}): trigger {}", data.getPath(),
                    data.getStat() == null ? "?" : data.getStat().getVersion(), next.alertTrigger());
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            LOG.error("rejected thresholds at {}: {}; keeping the last good ones", data.getPath(), e.getMessage());
        }
    }

    @Override
    public Thresholds get() {
        return current.get();
    }

    public long rejectedUpdates() {
        return rejected.get();
    }

    @Override
    public void close() {
        cache.close();
    }
}

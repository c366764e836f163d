package io.vitalstorm.coordination;

import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The thresholds document in ZooKeeper, at {@code <root>/thresholds} (JSON, see
 * {@link ThresholdsJson}). Reading creates it with the defaults when it is absent, so a fresh
 * installation starts with the RCP chart and the default trigger.
 */
public final class ThresholdsZnode {

    private final CuratorFramework client;
    private final String path;

    public ThresholdsZnode(CuratorFramework client, String root) {
        this.client = client;
        this.path = pathUnder(root);
    }

    public static String pathUnder(String root) {
        return new ThresholdsPaths(root).base();
    }

    public String path() {
        return path;
    }

    public Thresholds readOrCreateDefaults() throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path, ThresholdsJson.toJson(Thresholds.DEFAULTS));
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // the usual case: someone (an operator, another task) created it first
        }
        return ThresholdsJson.parse(client.getData().forPath(path));
    }

    /** Replaces the document after validating it; the running topology picks it up through its watch. */
    public void write(Thresholds thresholds) throws Exception {
        byte[] json = ThresholdsJson.toJson(thresholds);
        try {
            client.setData().forPath(path, json);
        } catch (KeeperException.NoNodeException e) {
            client.create().creatingParentsIfNeeded().forPath(path, json);
        }
    }
}

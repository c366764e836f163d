package io.vitalstorm.coordination;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.util.ArrayList;
import java.util.List;

/**
 * Read-only walk over every audit record under {@code <root>/thresholds-history}, for copying
 * them elsewhere (the Cassandra audit table). Scopes are named as in that tree:
 * {@code global}, {@code wards/<ward>}, {@code patients/<id>}.
 */
public final class ThresholdsAuditTrail {

    private static final String[] GROUPS = {"wards", "patients"};

    private final CuratorFramework client;
    private final ThresholdsPaths paths;

    public ThresholdsAuditTrail(CuratorFramework client, String root) {
        this.client = client;
        this.paths = new ThresholdsPaths(root);
    }

    public List<String> scopes() throws Exception {
        List<String> out = new ArrayList<>();
        if (!children(paths.historyBase() + "/global").isEmpty()) {
            out.add("global");
        }
        for (String group : GROUPS) {
            for (String name : children(paths.historyBase() + "/" + group)) {
                out.add(group + "/" + name);
            }
        }
        return out;
    }

    /** The change numbers recorded for a scope, in no particular order. */
    public List<Long> changeNumbers(String scope) throws Exception {
        return children(dir(scope)).stream().filter(c -> c.startsWith(ThresholdsStore.CHANGE_PREFIX))
                .map(ThresholdsStore::sequenceOf).toList();
    }

    public ThresholdsChange read(String scope, long number) throws Exception {
        String node = String.format("%s/%s%010d", dir(scope), ThresholdsStore.CHANGE_PREFIX, number);
        return ThresholdsChange.fromJson(number, client.getData().forPath(node));
    }

    private String dir(String scope) {
        return paths.historyBase() + "/" + scope;
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        }
    }
}

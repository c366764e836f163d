package io.vitalstorm.coordination;

import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secure bootstrap ({@code ./vitalstorm thresholds init}), run by the operator before the
 * topology starts: creates {@code <root>} and every VitalStorm znode with its ACL, so nobody who
 * reaches ZooKeeper first can plant a znode of their own. The root and the thresholds tree are
 * writable by the operator only; the maintenance folders ({@code epoch}, {@code slots},
 * {@code leader}) by the topology only, so not even the operator can mark a slot done or take
 * the leadership. Idempotent: a znode that exists with the right ACL is left alone, and one that
 * somebody else could have written is reported as an error (the topology refuses it too), never
 * silently adopted.
 */
public final class ZooKeeperBootstrap {

    /** What happened to one znode. */
    public record Step(String path, String outcome, boolean failed) {
        @Override
        public String toString() {
            return (failed ? "ERROR " : "") + path + ": " + outcome;
        }
    }

    private final CuratorFramework operatorClient;
    private final String root;
    private final List<ACL> operatorAcl;
    private final List<ACL> topologyAcl;
    private final Id operator;
    private final Id topology;

    /** With SASL: {@code operator} and {@code topology} are {@code sasl:<user>} identities. */
    public ZooKeeperBootstrap(CuratorFramework operatorClient, String root, Id operator, Id topology) {
        this.operatorClient = operatorClient;
        this.root = new ThresholdsPaths(root).root();
        this.operator = operator;
        this.topology = topology;
        this.operatorAcl = ZnodeAcls.writableOnlyBy(operator);
        this.topologyAcl = ZnodeAcls.writableOnlyBy(topology);
    }

    /** Every VitalStorm znode and the ACL it must carry, parents first. */
    public Map<String, List<ACL>> layout() {
        ThresholdsPaths paths = new ThresholdsPaths(root);
        Map<String, List<ACL>> nodes = new LinkedHashMap<>();
        nodes.put(root, operatorAcl);
        nodes.put(paths.base(), operatorAcl);
        nodes.put(paths.wards(), operatorAcl);
        nodes.put(paths.patients(), operatorAcl);
        nodes.put(paths.historyBase(), operatorAcl);
        nodes.put(ZKPaths.makePath(root, "maintenance"), topologyAcl);
        nodes.put(ZKPaths.makePath(root, "maintenance", "slots"), topologyAcl);
        nodes.put(ZKPaths.makePath(root, "maintenance", "leader"), topologyAcl);
        return nodes;
    }

    /**
     * Creates or checks every znode of {@link #layout()}; the steps say what was done, failures
     * included. The operator creates every missing znode with its own ACL first and hands the
     * maintenance ones over to the topology last (it needs CREATE on {@code maintenance} to make
     * its folders). Only a znode nobody but the operator could have written is handed over; one
     * anybody else could have written is reported, never adopted: its content may be forged.
     */
    public List<Step> run() throws Exception {
        List<Step> steps = new ArrayList<>();
        byte[] defaults = ThresholdsJson.toJson(Thresholds.DEFAULTS);
        String global = new ThresholdsPaths(root).base();
        for (Map.Entry<String, List<ACL>> node : layout().entrySet()) {
            byte[] data = node.getKey().equals(global) ? defaults : new byte[0];
            steps.add(ensure(node.getKey(), data, node.getValue() == operatorAcl ? operator : topology));
        }
        for (Map.Entry<String, List<ACL>> node : layout().entrySet()) {
            if (node.getValue() == topologyAcl
                    && steps.stream().noneMatch(st -> st.path().equals(node.getKey()) && st.failed())
                    && !ZnodeAcls.onlyWritableBy(operatorClient.getACL().forPath(node.getKey()), topology)) {
                operatorClient.setACL().withACL(topologyAcl).forPath(node.getKey());
                steps.add(new Step(node.getKey(),
                        "handed over to the topology, " + ZnodeAcls.describe(topologyAcl), false));
            }
        }
        return steps;
    }

    private Step ensure(String path, byte[] data, Id writer) throws Exception {
        // existence first: ZooKeeper checks the parent's ACL before it reports NodeExists
        if (operatorClient.checkExists().forPath(path) == null) {
            try {
                operatorClient.create().withACL(operatorAcl).forPath(path, data);
                return new Step(path, "created", false);
            } catch (KeeperException.NodeExistsException createdMeanwhile) {
                // checked below
            } catch (KeeperException.NoAuthException noAuth) {
                return new Step(path, "cannot create it: its parent is not writable by " + who(operator), true);
            }
        }
        List<ACL> actual = operatorClient.getACL().forPath(path);
        if (ZnodeAcls.onlyWritableBy(actual, writer) || ZnodeAcls.onlyWritableBy(actual, operator)) {
            return new Step(path, "already there, " + ZnodeAcls.describe(actual), false);
        }
        return new Step(path,
                "exists with a foreign ACL [" + ZnodeAcls.describe(actual) + "]: someone else could have written it,"
                + " so the topology refuses it. Review it, remove it (as its owner or ZooKeeper's super user) and run "
                + "init again",
                true);
    }

    private static String who(Id id) {
        return id.getScheme() + ":" + id.getId();
    }
}

package io.vitalstorm.coordination;

import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * ACLs for znodes an operator client creates: the thresholds documents and their history are
 * writable by the operator only and readable by everyone (the topology reads without
 * credentials); anything else under the root stays open, because other components share it.
 */
public final class ThresholdsAcl implements ACLProvider {

    private final ThresholdsPaths paths;
    private final List<ACL> protectedAcl;
    private final List<ACL> otherAcl;

    public ThresholdsAcl(ThresholdsPaths paths, OperatorCredentials operator) {
        this.paths = paths;
        // not List.of: ZooKeeper's ACL check calls contains(null), which List.of answers with an NPE
        this.protectedAcl = Collections.unmodifiableList(Arrays.asList(
                operator.fullAccess(), new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)));
        this.otherAcl = ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    /**
     * For an operator identified by {@code operator} (e.g. {@code sasl:operator}); with
     * {@code closedByDefault} every other znode it creates is writable by it only too (SASL installs).
     */
    public ThresholdsAcl(ThresholdsPaths paths, Id operator, boolean closedByDefault) {
        this.paths = paths;
        this.protectedAcl = ZnodeAcls.writableOnlyBy(operator);
        this.otherAcl = closedByDefault ? protectedAcl : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    public List<ACL> protectedAcl() {
        return protectedAcl;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return otherAcl;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return path != null && paths.isProtected(path) ? protectedAcl : otherAcl;
    }
}

package io.vitalstorm.coordination;

import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

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

    public ThresholdsAcl(ThresholdsPaths paths, OperatorCredentials operator) {
        this.paths = paths;
        // not List.of: ZooKeeper's ACL check calls contains(null), which List.of answers with an NPE
        this.protectedAcl = Collections.unmodifiableList(Arrays.asList(
                operator.fullAccess(), new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)));
    }

    public List<ACL> protectedAcl() {
        return protectedAcl;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return path != null && paths.isProtected(path) ? protectedAcl : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }
}

package io.vitalstorm.coordination;

import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The ACLs of VitalStorm's znodes with SASL on ({@code vitalstorm.zookeeper.auth=sasl}) and the
 * check that a znode carries them: a znode is trusted when every entry granting more than READ
 * names the one identity allowed to write it. Reading stays open (thresholds and slot records
 * hold no patient data), writing never is.
 */
public final class ZnodeAcls {

    private ZnodeAcls() {
    }

    public static Id sasl(String user) {
        return new Id("sasl", user);
    }

    /** Full rights for {@code writer}, READ for everyone. */
    public static List<ACL> writableOnlyBy(Id writer) {
        // not List.of: ZooKeeper's ACL check calls contains(null), which List.of answers with an NPE
        return Collections.unmodifiableList(Arrays.asList(new ACL(ZooDefs.Perms.ALL, writer),
                new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)));
    }

    /** True when nobody but {@code writer} may write, create, delete or change the ACL of the znode. */
    public static boolean onlyWritableBy(List<ACL> acl, Id writer) {
        return acl != null
                && acl.stream().allMatch(a -> (a.getPerms() & ~ZooDefs.Perms.READ) == 0 || a.getId().equals(writer));
    }

    /** "sasl:intruder=cdrwa, world:anyone=r", for logs and errors. */
    public static String describe(List<ACL> acl) {
        return acl == null ? "(none)"
                : String.join(", ", acl.stream().map(a -> a.getId().getScheme() + ":" + a.getId().getId()
                + "=" + perms(a.getPerms())).toList());
    }

    private static String perms(int p) {
        StringBuilder b = new StringBuilder();
        b.append((p & ZooDefs.Perms.CREATE) != 0 ? "c" : "");
        b.append((p & ZooDefs.Perms.DELETE) != 0 ? "d" : "");
        b.append((p & ZooDefs.Perms.READ) != 0 ? "r" : "");
        b.append((p & ZooDefs.Perms.WRITE) != 0 ? "w" : "");
        b.append((p & ZooDefs.Perms.ADMIN) != 0 ? "a" : "");
        return b.toString();
    }
}

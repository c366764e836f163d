package io.vitalstorm.coordination;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * The leader's ephemeral latch znode as a fence for writes outside ZooKeeper (Kafka, Cassandra,
 * Redis, files): {@link #ensureHeld()} asks the server, not the local latch state, so a leader
 * whose session expired while it was busy learns it before its next write.
 */
public final class LeaderFence {

    private final CuratorFramework client;
    private final String path;

    public LeaderFence(CuratorFramework client, String path) {
        this.client = client;
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** Returns when the fence znode still exists and belongs to this client's current session. */
    public void ensureHeld() throws LeadershipLostException {
        Stat stat;
        long session;
        try {
            stat = client.checkExists().forPath(path);
            session = client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw new LeadershipLostException("cannot confirm leadership at " + path + ": " + e, e);
        }
        if (stat == null || stat.getEphemeralOwner() != session) {
            throw new LeadershipLostException("leadership lost: " + path
                    + " is gone or owned by another session", null);
        }
    }

    /** This contender is no longer (or cannot prove it is) the leader: stop before writing anything. */
    public static final class LeadershipLostException extends Exception {
        private static final long serialVersionUID = 1L;

        public LeadershipLostException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

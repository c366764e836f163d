package io.vitalstorm.testsupport;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ends a client's ZooKeeper session on the server, as the expiry of a crashed worker's session would. */
public final class ZooKeeperSessions {

    private ZooKeeperSessions() {
    }

    /**
     * Joins the victim's session from a second connection and closes it: the server drops it and its ephemerals at
     * once.
     */
    public static void kill(String connect, ZooKeeper victim) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connect, 5_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, victim.getSessionId(), victim.getSessionPasswd());
        if (!connected.await(10, TimeUnit.SECONDS)) {
            twin.close();
            throw new IllegalStateException("could not join the session to kill it");
        }
        twin.close();
    }
}

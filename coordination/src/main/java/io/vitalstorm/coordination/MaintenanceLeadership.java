package io.vitalstorm.coordination;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.utils.ZKPaths;

import java.io.IOException;
import java.util.Optional;

/**
 * One contender in the election of the maintenance leader ({@link LeaderLatch} at
 * {@code <root>/maintenance/leader}). The leader's latch znode is ephemeral: it is the fence that
 * {@link FencedJobSlots} checks in every write, so a leader whose session expired cannot write
 * even if it has not noticed yet.
 */
public final class MaintenanceLeadership implements AutoCloseable {

    private final LeaderLatch latch;

    private MaintenanceLeadership(LeaderLatch latch) {
        this.latch = latch;
    }

    public static MaintenanceLeadership join(CuratorFramework client, String root, String id) throws Exception {
        LeaderLatch latch = new LeaderLatch(client, ZKPaths.makePath(root, "maintenance", "leader"), id);
        latch.start();
        return new MaintenanceLeadership(latch);
    }

    /** The fence to pass to {@link FencedJobSlots} while this contender leads; empty otherwise. */
    public Optional<String> fence() {
        String ours = latch.getOurPath();
        return latch.hasLeadership() && ours != null ? Optional.of(ours) : Optional.empty();
    }

    public String id() {
        return latch.getId();
    }

    @Override
    public void close() throws IOException {
        latch.close();
    }
}

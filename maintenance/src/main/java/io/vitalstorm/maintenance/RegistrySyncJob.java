package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.registrysync.RegistrySync;
import io.vitalstorm.registrysync.SyncReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The SQL registry sync on the leader's schedule (every {@code vitalstorm.registry.sql.period.seconds}).
 * What needs a person's eye — malformed rows, conflicts, held deletions — is logged as a warning,
 * one line each; a failed run (database unreachable) leaves the slot to be retried.
 */
public final class RegistrySyncJob implements MaintenanceJob {

    public static final String NAME = "registry-sync";
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySyncJob.class);

    private final RegistrySync sync;

    public RegistrySyncJob(RegistrySync sync) {
        this.sync = sync;
    }

    @Override
    public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
        SyncReport report = sync.run(fence::ensureHeld);
        report.lines().stream().skip(1).forEach(line -> LOG.warn("maintenance job={} slot={}{}", NAME, slot, line));
        return report.counts();
    }
}

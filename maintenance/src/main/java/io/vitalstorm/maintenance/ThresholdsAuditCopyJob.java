package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.coordination.ThresholdsAuditTrail;
import io.vitalstorm.coordination.ThresholdsChange;
import io.vitalstorm.storage.cassandra.ThresholdsAuditTable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies every thresholds audit record from ZooKeeper (where it is written in one transaction with
 * the change) to Cassandra, by scope and change number: each run copies whatever is missing, so a
 * record written while no leader ran, or during a failed run, arrives on the next one.
 */
public final class ThresholdsAuditCopyJob implements MaintenanceJob {

    public static final String NAME = "audit-copy";

    private final ThresholdsAuditTrail trail;
    private final ThresholdsAuditTable table;
    /**
     * Records known to be in Cassandra, per scope: records are only ever added, so an unchanged count means nothing
     * new.
     */
    private final Map<String, Integer> copiedCount = new HashMap<>();

    public ThresholdsAuditCopyJob(ThresholdsAuditTrail trail, ThresholdsAuditTable table) {
        this.trail = trail;
        this.table = table;
    }

    @Override
    public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
        int scopes = 0;
        int copied = 0;
        for (String scope : trail.scopes()) {
            scopes++;
            List<Long> numbers = trail.changeNumbers(scope);
            if (copiedCount.getOrDefault(scope, -1) == numbers.size()) {
                continue;
            }
            Set<Long> have = table.changesOf(scope);
            for (long n : numbers) {
                if (have.contains(n)) {
                    continue;
                }
                ThresholdsChange c = trail.read(scope, n);
                fence.ensureHeld();
                table.save(new ThresholdsAuditTable.AuditRecord(scope, n, c.who(), c.when(), c.why(), c.fromVersion(),
                        c.before(), c.after()));
                copied++;
            }
            copiedCount.put(scope, numbers.size());
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("scopes", scopes);
        counts.put("copied", copied);
        return counts;
    }
}

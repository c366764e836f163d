package io.vitalstorm.registrysync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sync run did: counts, and every row or patient that needs a person's eye — malformed
 * rows, conflicts with a newer change from another source, deletions held back because the
 * patient is under an active alert. Nothing the sync declined to do goes unmentioned.
 */
public final class SyncReport {

    int read;
    int created;
    int updated;
    int unchanged;
    int deleted;
    final List<String> malformed = new ArrayList<>();
    final List<String> conflicts = new ArrayList<>();
    final List<String> heldDeletions = new ArrayList<>();
    Instant watermark;

    public int read() {
        return read;
    }

    public int created() {
        return created;
    }

    public int updated() {
        return updated;
    }

    public int unchanged() {
        return unchanged;
    }

    public int deleted() {
        return deleted;
    }

    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    public List<String> conflicts() {
        return List.copyOf(conflicts);
    }

    public List<String> heldDeletions() {
        return List.copyOf(heldDeletions);
    }

    public Instant watermark() {
        return watermark;
    }

    /** For the maintenance log line. */
    public Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read);
        m.put("created", created);
        m.put("updated", updated);
        m.put("unchanged", unchanged);
        m.put("deleted", deleted);
        m.put("held", heldDeletions.size());
        m.put("conflicts", conflicts.size());
        m.put("malformed", malformed.size());
        return m;
    }

    /** The human-readable report: a summary line, then one line per item needing attention. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder("registry sync:");
        counts().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        if (watermark != null) {
            b.append(" watermark=").append(watermark);
        }
        out.add(b.toString());
        malformed.forEach(m -> out.add("  malformed " + m));
        conflicts.forEach(c -> out.add("  conflict " + c));
        heldDeletions.forEach(h -> out.add("  deletion held " + h));
        return out;
    }

    public String toJson() {
        ObjectNode n = Json.object();
        counts().forEach((k, v) -> n.put(k, (Integer) v));
        n.put("watermark", watermark == null ? null : watermark.toString());
        malformed.forEach(n.putArray("malformedRows")::add);
        conflicts.forEach(n.putArray("conflictList")::add);
        heldDeletions.forEach(n.putArray("heldDeletions")::add);
        return Json.string(n);
    }
}

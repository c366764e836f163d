package io.vitalstorm.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

/**
 * An entry of the open-alerts index ({@code vs:alerts:open}, field {@code <patientId>|<condition>}):
 * what the dashboard, the CLI and the care-team summaries need of an open alert without decoding
 * episodes, as a JSON object (alertId, patientId, condition, state, band, worst, news2, openedAt,
 * ts = last transition, acknowledgedBy, reason). {@link #VERSION} 1 is untagged; a later version
 * adds a {@code "v"} field, which readers of version 1 ignore.
 */
public final class OpenAlertCodec {

    /** The version written. */
    public static final int VERSION = 1;

    private OpenAlertCodec() {
    }

    public static ObjectNode entry(String patientId, StoredEpisode e) {
        ObjectNode n = Json.object();
        n.put("alertId", e.alertId());
        n.put("patientId", patientId);
        n.put("condition", e.condition());
        n.put("state", e.state());
        n.put("band", e.band().name());
        n.put("worst", e.worst().name());
        n.put("news2", e.news2());
        n.put("openedAt", e.openedAt());
        n.put("ts", e.lastTransitionTs());
        n.put("acknowledgedBy", e.acknowledgedBy());
        n.put("reason", e.lastReason());
        return n;
    }
}

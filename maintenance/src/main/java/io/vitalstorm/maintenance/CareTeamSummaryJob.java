package io.vitalstorm.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.SummaryStore;
import io.vitalstorm.storage.redis.LiveStateReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The doctor sum-up: per care team, the patients at risk (band LOW_MEDIUM or worse, or any open
 * alert) with their band, NEWS2, trend and open alerts, from the live state in Redis. Published to
 * the summaries topic and stored in Cassandra. A team with nobody at risk gets no summary.
 * {@code summaryId} is a name-based UUID of (team, slot): a slot re-run after a leader died
 * between publishing and completing sends the same id, so consumers drop the repeat.
 */
public final class CareTeamSummaryJob implements MaintenanceJob {

    public static final String NAME = "summary";
    public static final String NO_TEAM = "UNASSIGNED";
    static final String DETERIORATING = "DETERIORATING";

    private static final Logger LOG = LoggerFactory.getLogger(CareTeamSummaryJob.class);

    private final LiveStateReader live;
    private final PatientDirectory directory;
    private final SummaryPublisher publisher;
    private final SummaryStore store;
    private final Clock clock;

    public CareTeamSummaryJob(LiveStateReader live, PatientDirectory directory, SummaryPublisher publisher,
                              SummaryStore store, Clock clock) {
        this.live = live;
        this.directory = directory;
        this.publisher = publisher;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
        Instant generatedAt = clock.instant();
        Map<String, ArrayNode> byTeam = patientsAtRiskByTeam();
        int patients = 0;
        for (Map.Entry<String, ArrayNode> team : byTeam.entrySet()) {
            ObjectNode summary = summary(team.getKey(), slot, generatedAt, team.getValue());
            String json = Json.string(summary);
            fence.ensureHeld();
            publisher.publish(team.getKey(), json);
            fence.ensureHeld();
            store.save(new SummaryStore.Stored(team.getKey(), Instant.parse(slot), summary.get("summaryId").asText(),
                    generatedAt, team.getValue().size(), json));
            patients += team.getValue().size();
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("teams", byTeam.size());
        counts.put("patientsAtRisk", patients);
        return counts;
    }

    /** Team name to its at-risk patients, worst NEWS2 first; teams in name order. */
    private Map<String, ArrayNode> patientsAtRiskByTeam() {
        Map<String, List<String>> alerts = live.openAlertsByPatient();
        Set<String> candidates = new LinkedHashSet<>(live.riskBoard());
        candidates.addAll(alerts.keySet());
        Map<String, Map<String, String>> latest = live.latest(candidates);
        Map<String, List<ObjectNode>> byTeam = new TreeMap<>();
        for (String patientId : candidates) {
            Map<String, String> state = latest.getOrDefault(patientId, Map.of());
            List<String> open = alerts.getOrDefault(patientId, List.of());
            if (open.isEmpty() && !bandAtLeastLowMedium(state.get("band"))) {
                continue;
            }
            Optional<PatientProfile> profile = directory.find(patientId);
            String team = profile.map(PatientProfile::careTeam).filter(t -> !t.isBlank()).orElse(NO_TEAM);
            byTeam.computeIfAbsent(team, k -> new ArrayList<>()).add(patient(patientId, state, open, profile));
        }
        Map<String, ArrayNode> out = new LinkedHashMap<>();
        byTeam.forEach((team, list) -> {
            list.sort(Comparator.comparingInt((ObjectNode p) -> p.path("news2").asInt(-1)).reversed()
                    .thenComparing(p -> p.path("patientId").asText()));
            out.put(team, Json.MAPPER.createArrayNode().addAll(list));
        });
        return out;
    }

    private static boolean bandAtLeastLowMedium(String band) {
        try {
            return band != null && RiskBand.valueOf(band).atLeast(RiskBand.LOW_MEDIUM);
        } catch (IllegalArgumentException unknownBand) {
            return false;
        }
    }

    private static ObjectNode patient(String patientId, Map<String, String> state, List<String> open,
                                      Optional<PatientProfile> profile) {
        ObjectNode p = Json.object();
        p.put("patientId", patientId);
        p.put("ward", profile.map(PatientProfile::ward).orElse(state.get("ward")));
        p.put("doctor", profile.map(PatientProfile::responsibleDoctor).orElse(null));
        p.put("band", state.get("band"));
        if (state.containsKey("news2")) {
            p.put("news2", Integer.parseInt(state.get("news2")));
        }
        if (state.containsKey("ts")) {
            p.put("lastReadingAt", Instant.ofEpochMilli(Long.parseLong(state.get("ts"))).toString());
        }
        ArrayNode alerts = p.putArray("openAlerts");
        boolean deteriorating = false;
        for (String json : open) {
            try {
                JsonNode alert = Json.MAPPER.readTree(json);
                alerts.add(alert);
                deteriorating |= DETERIORATING.equals(alert.path("condition").asText());
            } catch (Exception badJson) {
                LOG.warn("summary: open alert of {} is not JSON, left out: {}", patientId, badJson.getMessage());
            }
        }
        p.put("trend", deteriorating ? DETERIORATING : "STEADY");
        return p;
    }

    private static ObjectNode summary(String team, String slot, Instant generatedAt, ArrayNode patients) {
        ObjectNode s = Json.object();
        s.put("summaryId",
                UUID.nameUUIDFromBytes(("summary|" + team + "|" + slot).getBytes(StandardCharsets.UTF_8)).toString());
        s.put("careTeam", team);
        s.put("slot", slot);
        s.put("generatedAt", generatedAt.toString());
        s.put("patientsAtRisk", patients.size());
        s.set("patients", patients);
        return s;
    }
}

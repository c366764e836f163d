package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.alert.AckCredentials;
import io.vitalstorm.core.alert.AcknowledgementParser;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.cassandra.StoredAlert;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ward board (snapshot and live stream), the alert inbox, and acknowledging an alert — which
 * goes to the acknowledgements topic in the format the topology consumes, with the logged-in
 * user as {@code by}.
 */
final class WardRoutes {

    private final Services s;
    private final LiveThresholds thresholds;
    private final EpisodeStore episodes;

    /** {@code thresholds} and {@code episodes}: what the inbox needs to tell when each alert escalates next. */
    WardRoutes(Services s, LiveThresholds thresholds, EpisodeStore episodes) {
        this.s = s;
        this.thresholds = thresholds;
        this.episodes = episodes;
    }

    void register(Javalin app) {
        app.get("/api/ward", this::ward);
        app.sse("/api/ward/stream", client -> {
            Context ctx = client.ctx();
            User user = clinician(ctx);
            s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, null, "ward live stream");
            String lastEventId = ctx.header("Last-Event-ID");
            s.feed().subscribe(client, user, lastEventId != null ? lastEventId : ctx.queryParam("since"));
        });
        app.get("/api/alerts", this::inbox);
        app.post("/api/alerts/ack", this::acknowledge);
    }

    private static User clinician(Context ctx) {
        User user = Services.user(ctx);
        if (!AccessPolicy.seesWards(user)) {
            throw ApiError.forbidden("the ward board is for clinicians");
        }
        return user;
    }

    private void ward(Context ctx) {
        User user = clinician(ctx);
        String ward = optional(ctx, "ward");
        String team = optional(ctx, "careTeam");
        ObjectNode snapshot = s.feed().snapshot(user, ward, team);
        s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, null,
                "ward overview, " + snapshot.path("patients").size() + " patients");
        ctx.json(snapshot);
    }

    /**
     * Open alerts of the user's patients: most severe band first, then the oldest; why each fired
     * (the reason of its OPEN transition, beside the latest one) and when it escalates next.
     */
    private void inbox(Context ctx) {
        User user = clinician(ctx);
        ObjectNode snapshot = s.feed().snapshot(user, optional(ctx, "ward"), optional(ctx, "careTeam"));
        long now = System.currentTimeMillis();
        List<ObjectNode> open = new ArrayList<>();
        for (JsonNode row : snapshot.path("patients")) {
            if (row.path("openAlerts").isEmpty()) {
                continue;
            }
            String patientId = row.path("patientId").asText();
            Map<String, Episode> byAlert = new HashMap<>();
            episodes.load(patientId).forEach(e -> byAlert.put(e.alertId(), e));
            Map<String, String> openedBecause = new HashMap<>();
            for (StoredAlert t : s.alerts().forPatient(patientId)) { // newest first: the OPEN is the last of each alert
                if ("OPEN".equals(t.state())) {
                    openedBecause.put(t.alertId(), t.reason());
                }
            }
            Thresholds inForce = thresholds.forPatient(patientId, row.path("ward").asText(null));
            for (JsonNode a : row.path("openAlerts")) {
                ObjectNode alert = a.deepCopy();
                alert.put("name", row.path("name").asText(null));
                alert.put("ward", row.path("ward").asText(null));
                alert.put("careTeam", row.path("careTeam").asText(null));
                String alertId = a.path("alertId").asText();
                alert.put("firedBecause", openedBecause.getOrDefault(alertId, a.path("reason").asText(null)));
                Episode ep = byAlert.get(alertId);
                if (ep != null) {
                    AlertSchedule.describe(alert, ep, inForce, now);
                } else {
                    alert.put("next", "unknown (the alert's episode is not in Redis)");
                }
                open.add(alert);
            }
        }
        open.sort(Comparator.comparingInt((ObjectNode a) -> -severity(a.path("band").asText()))
                .thenComparingLong(a -> a.path("openedAt").asLong()));
        ObjectNode out = Json.object();
        out.put("serverTime", now);
        ArrayNode list = out.putArray("alerts");
        open.forEach(list::add);
        s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, null,
                "alert inbox, " + open.size() + " alerts");
        ctx.json(out);
    }

    private static int severity(String band) {
        try {
            return RiskBand.valueOf(band).ordinal();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private void acknowledge(Context ctx) throws InterruptedException {
        User user = clinician(ctx);
        JsonNode body = AuthRoutes.body(ctx);
        PatientProfile p = s.patientFor(ctx, body.path("patientId").asText(null), "acknowledge");
        String alertId = body.path("alertId").asText("");
        boolean open = s.live().openAlertsByPatient().getOrDefault(p.patientId(), List.of()).stream()
                .map(WardRow::parse).anyMatch(a -> alertId.equals(a.path("alertId").asText()));
        if (!open) {
            throw new ApiError(409, "conflict", "alert " + alertId + " is not open for patient " + p.patientId()
                    + " (already resolved, or never existed)");
        }
        ObjectNode ack = Json.object();
        ack.put("patientId", p.patientId());
        ack.put("alertId", alertId);
        ack.put("by", user.username());
        ack.put("ts", System.currentTimeMillis());
        JsonNode note = body.get("note");
        if (note != null && note.isTextual() && !note.asText().isBlank()) {
            ack.put("note", note.asText().length() > 500 ? note.asText().substring(0, 500) : note.asText());
        }
        // signed by the web tier: the topology accepts `by` because the web tier vouches for the login
        byte[] record = Json.bytes(AckCredentials.signIfKeyed(s.settings().ackAuthentication(), ack));
        // the same reader the topology applies: refuse here what it would dead-letter there
        AcknowledgementParser.Result parsed = AcknowledgementParser.parse(record, System.currentTimeMillis());
        if (parsed.rejection() != null) {
            throw ApiError.badRequest(parsed.rejection().message());
        }
        try {
            RecordMetadata m = s.producer()
                    .send(new ProducerRecord<>(s.settings().acknowledgementsTopic(), p.patientId(), record))
                    .get(10, TimeUnit.SECONDS);
            s.audit().patientAccess(ctx, user, "acknowledge", "U", AuditTrail.SUCCESS, p.patientId(),
                    "alert " + alertId);
            ctx.status(202).json(Json.object().put("sent", true).put("alertId", alertId)
                    .put("offset", m.offset()).put("by", user.username()));
        } catch (ExecutionException | TimeoutException e) {
            s.audit().patientAccess(ctx, user, "acknowledge", "U", 8, p.patientId(), "alert " + alertId + ": " + e);
            throw new ApiError(503, "transient", "the acknowledgement could not be sent now; try again");
        }
    }

    private static String optional(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > 100) {
            throw ApiError.badRequest(name + " is too long");
        }
        return v;
    }
}

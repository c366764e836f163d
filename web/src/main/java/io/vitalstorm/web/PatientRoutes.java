package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.AggregatedSeries;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.vitalstorm.storage.cassandra.HistoryEntry;
import io.vitalstorm.storage.cassandra.PatientMessages;
import io.vitalstorm.storage.cassandra.StoredAlert;
import io.vitalstorm.storage.cassandra.SummaryStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Patient detail: profile, live state, alert history, aggregated charts, raw readings; and the care-team sum-ups. */
final class PatientRoutes {

    static final int DEFAULT_BUCKETS = 240;
    static final int MAX_BUCKETS = 2000;
    static final Duration MAX_RAW = Duration.ofHours(1);
    static final int MAX_RAW_ROWS = 5000;

    private final Services s;

    PatientRoutes(Services s) {
        this.s = s;
    }

    void register(Javalin app) {
        app.get("/api/patients/{id}", this::detail);
        app.get("/api/patients/{id}/series", this::series);
        app.get("/api/patients/{id}/readings", this::readings);
        app.get("/api/summaries", this::summaries);
        app.get("/api/patients/{id}/messages", this::messages);
        app.post("/api/patients/{id}/messages", this::sendMessage);
    }

    static final int MAX_MESSAGE_CHARS = 1000;

    private void messages(Context ctx) {
        PatientProfile p = s.patientFor(ctx, ctx.pathParam("id"), "read");
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (PatientMessages.Message m : s.messages().latest(p.patientId(), 100)) {
            list.addObject().put("ts", m.ts().toEpochMilli()).put("messageId", m.messageId()).put("from", m.fromName())
                    .put("text", m.text());
        }
        s.audit().patientAccess(ctx, Services.user(ctx), "read", "R", AuditTrail.SUCCESS, p.patientId(), "messages");
        ctx.json(Json.object().put("patientId", p.patientId()).set("messages", list));
    }

    /**
     * A clinician's message to the patient: stored, audited, and published on the patient topic
     * (to the patient's contact channel) with the clinician's identity from the login.
     */
    private void sendMessage(Context ctx) throws InterruptedException {
        User user = Services.user(ctx);
        if (!user.has(User.CLINICIAN)) {
            throw ApiError.forbidden("only clinicians send messages to patients");
        }
        PatientProfile p = s.patientFor(ctx, ctx.pathParam("id"), "create");
        String text = AuthRoutes.body(ctx).path("text").asText("").strip();
        if (text.isEmpty() || text.length() > MAX_MESSAGE_CHARS) {
            throw ApiError.badRequest("text must be 1-" + MAX_MESSAGE_CHARS + " characters");
        }
        PatientMessages.Message m = new PatientMessages.Message(p.patientId(), Instant.now(),
                UUID.randomUUID().toString(),
                user.username(), user.displayName(), text);
        ObjectNode record = Json.object();
        record.put("type", "message");
        record.put("messageId", m.messageId());
        record.put("patientId", p.patientId());
        record.put("contact", p.contactChannel());
        record.put("ts", m.ts().toEpochMilli());
        record.put("from", user.displayName());
        record.put("fromUser", user.username());
        record.put("message", text);
        try {
            s.producer()
                    .send(new ProducerRecord<>(s.settings().patientAlertsTopic(), p.patientId(), Json.bytes(record)))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            s.audit().patientAccess(ctx, user, "create", "C", 8, p.patientId(), "message not sent: " + e);
            throw new ApiError(503, "transient", "the message could not be sent now; try again");
        }
        s.messages().save(m);
        s.audit().patientAccess(ctx, user, "create", "C", AuditTrail.SUCCESS, p.patientId(),
                "message " + m.messageId());
        ctx.status(201).json(Json.object().put("messageId", m.messageId()).put("sent", true));
    }

    private void detail(Context ctx) {
        PatientProfile p = s.patientFor(ctx, ctx.pathParam("id"), "read");
        ObjectNode out = Json.object();
        ObjectNode profile = out.putObject("patient");
        profile.put("patientId", p.patientId());
        profile.put("name", p.displayName());
        if (p.age() != null) {
            profile.put("age", p.age());
        }
        profile.put("ward", p.ward());
        profile.put("careTeam", p.careTeam());
        profile.put("doctor", p.responsibleDoctor());
        profile.put("spo2Scale", p.spo2Scale().number());
        Map<String, String> latest = s.live().latest(List.of(p.patientId())).getOrDefault(p.patientId(), Map.of());
        ObjectNode live = out.putObject("latest");
        latest.forEach(live::put);
        ArrayNode open = out.putArray("openAlerts");
        s.live().openAlertsByPatient().getOrDefault(p.patientId(), List.of())
                .forEach(json -> open.add(WardRow.parse(json)));
        ArrayNode history = out.putArray("alertHistory");
        s.alerts().forPatient(p.patientId()).stream().limit(200).forEach(a -> history.add(alertJson(a)));
        out.put("serverTime", System.currentTimeMillis());
        s.audit().patientAccess(ctx, Services.user(ctx), "read", "R", AuditTrail.SUCCESS, p.patientId(),
                "patient detail");
        ctx.json(out);
    }

    /** Min/median/max per bucket for each vital and NEWS2, columns ready for uPlot, with alert transitions to mark. */
    private void series(Context ctx) {
        PatientProfile p = s.patientFor(ctx, ctx.pathParam("id"), "search-type");
        Instant[] range = Params.range(ctx.queryParam("range"), ctx.queryParam("from"), ctx.queryParam("to"),
                s.web().maxRange(), Instant.now());
        int buckets = Params.integer("buckets", ctx.queryParam("buckets"), DEFAULT_BUCKETS, 10, MAX_BUCKETS);
        long span = range[1].toEpochMilli() - range[0].toEpochMilli();
        long bucketMillis = Math.max(1000, (span + buckets - 1) / buckets);
        long started = System.nanoTime();
        AggregatedSeries agg = s.history().aggregate(p.patientId(), range[0], range[1], bucketMillis);
        ObjectNode out = Json.object();
        out.put("patientId", p.patientId());
        out.put("from", range[0].toEpochMilli());
        out.put("to", range[1].toEpochMilli());
        out.put("bucketMillis", bucketMillis);
        out.put("readings", agg.totalReadings());
        ArrayNode t = out.putArray("t");
        agg.buckets().forEach(b -> t.add(b.start().toEpochMilli() / 1000.0));
        ObjectNode series = out.putObject("series");
        for (String name : AggregatedSeries.SERIES) {
            ObjectNode one = series.putObject(name);
            ArrayNode min = one.putArray("min");
            ArrayNode median = one.putArray("median");
            ArrayNode max = one.putArray("max");
            for (AggregatedSeries.Bucket b : agg.buckets()) {
                AggregatedSeries.Stats st = b.stats().get(name);
                if (st == null) {
                    min.addNull();
                    median.addNull();
                    max.addNull();
                } else {
                    min.add(st.min());
                    median.add(st.median());
                    max.add(st.max());
                }
            }
        }
        ArrayNode marks = out.putArray("alerts");
        for (StoredAlert a : s.alerts().forPatient(p.patientId())) {
            if (!a.ts().isBefore(range[0]) && a.ts().isBefore(range[1])) {
                marks.add(alertJson(a));
            }
        }
        out.put("queryMillis", (System.nanoTime() - started) / 1_000_000);
        s.audit().patientAccess(ctx, Services.user(ctx), "search-type", "R", AuditTrail.SUCCESS, p.patientId(),
                "history " + range[0] + ".." + range[1]);
        ctx.json(out);
    }

    /** The raw readings of a moment: at most an hour and {@value #MAX_RAW_ROWS} rows. */
    private void readings(Context ctx) {
        PatientProfile p = s.patientFor(ctx, ctx.pathParam("id"), "search-type");
        Instant[] range;
        String at = ctx.queryParam("at");
        if (at != null) {
            Instant moment = Params.time("at", at);
            range = new Instant[] {moment.minusSeconds(30), moment.plusSeconds(30)};
        } else {
            range = Params.range(null, ctx.queryParam("from"), ctx.queryParam("to"), MAX_RAW, Instant.now());
        }
        ArrayNode rows = Json.MAPPER.createArrayNode();
        s.history().scan(p.patientId(), range[0], range[1], e -> {
            rows.add(readingJson(e));
            return rows.size() < MAX_RAW_ROWS;
        });
        s.audit().patientAccess(ctx, Services.user(ctx), "search-type", "R", AuditTrail.SUCCESS, p.patientId(),
                "raw readings " + range[0] + ".." + range[1]);
        ObjectNode out = Json.object();
        out.put("from", range[0].toEpochMilli());
        out.put("to", range[1].toEpochMilli());
        out.put("truncated", rows.size() >= MAX_RAW_ROWS);
        out.set("readings", rows);
        ctx.json(out);
    }

    /** The care team's 10-minute sum-ups of today and yesterday (UTC), latest first. */
    private void summaries(Context ctx) {
        User user = Services.user(ctx);
        String team = ctx.queryParam("careTeam");
        if (team == null || team.isBlank() || team.length() > 100) {
            throw ApiError.badRequest("careTeam is required");
        }
        if (!user.has(User.CLINICIAN) || !(user.careTeams().contains(team) || user.wards().contains("*"))) {
            throw ApiError.forbidden("you are not in care team " + team);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (LocalDate day : List.of(today, today.minusDays(1))) {
            for (SummaryStore.Stored st : s.summaries().forTeam(team, day)) {
                ObjectNode n = list.addObject();
                n.put("slot", st.slot().toEpochMilli());
                n.put("generatedAt", st.generatedAt().toEpochMilli());
                n.put("patientsAtRisk", st.patientsAtRisk());
                n.set("summary", WardRow.parse(st.json()));
            }
        }
        s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, null, "care-team summaries " + team);
        ctx.json(Json.object().put("careTeam", team).set("summaries", list));
    }

    static ObjectNode alertJson(StoredAlert a) {
        ObjectNode n = Json.object();
        n.put("ts", a.ts().toEpochMilli());
        n.put("eventId", a.eventId());
        n.put("alertId", a.alertId());
        n.put("condition", a.condition());
        n.put("state", a.state());
        n.put("band", a.band());
        n.put("news2", a.news2());
        n.put("acknowledgedBy", a.acknowledgedBy());
        n.put("reason", a.reason());
        return n;
    }

    private static ObjectNode readingJson(HistoryEntry e) {
        ObjectNode n = Json.object();
        n.put("ts", e.observation().ts());
        n.put("deviceId", e.observation().deviceId());
        n.put("news2", e.news2());
        n.put("band", e.band());
        n.put("incomplete", e.incomplete());
        n.set("vitals", ObservationJson.vitals(e.observation()));
        return n;
    }
}

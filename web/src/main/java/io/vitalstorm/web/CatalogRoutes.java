package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.TableCatalog;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;

/**
 * The data catalog for data engineers: the datasets (Cassandra tables with their keys, columns
 * and retention, as deployed; the Kafka topics) and the archive files with their catalog entries,
 * searchable by day range and patient. Patient ids are shown pseudonymised (HMAC-SHA256 with a
 * key of this server run) unless the user is a clinician of every ward.
 */
final class CatalogRoutes {

    private static final int MAX_DAYS = 400;

    private final Services s;
    private final TableCatalog tables;
    private final ArchiveCatalog archives;
    private final byte[] pseudonymKey = new byte[32];

    CatalogRoutes(Services s, TableCatalog tables, ArchiveCatalog archives) {
        this.s = s;
        this.tables = tables;
        this.archives = archives;
        new SecureRandom().nextBytes(pseudonymKey);
    }

    void register(Javalin app) {
        app.get("/api/catalog/datasets", this::datasets);
        app.get("/api/catalog/archives", this::archives);
    }

    private static User engineer(Context ctx) {
        User u = Services.user(ctx);
        if (!u.has(User.DATA_ENGINEER) && !u.has(User.OPERATOR)) {
            throw ApiError.forbidden("the data catalog is for data engineers and operators");
        }
        return u;
    }

    private void datasets(Context ctx) {
        engineer(ctx);
        ObjectNode out = Json.object();
        ArrayNode t = out.putArray("tables");
        for (TableCatalog.Table table : tables.tables()) {
            ObjectNode n = t.addObject();
            n.put("name", s.settings().cassandraKeyspace() + "." + table.name());
            table.partitionKey().forEach(n.putArray("partitionKey")::add);
            table.clusteringColumns().forEach(n.putArray("clusteringColumns")::add);
            ArrayNode cols = n.putArray("columns");
            table.columns().forEach(c -> cols.addObject().put("name", c.name()).put("type", c.type()));
            n.put("retentionDays", table.defaultTtlSeconds() == 0 ? null : table.defaultTtlSeconds() / 86_400.0);
        }
        ArrayNode topics = out.putArray("topics");
        Map<String, String> purposes = Map.of(
                s.settings().vitalsTopic(), "raw vital-sign observations (native JSON or FHIR R4), keyed by patient",
                s.settings().deadLetterTopic(), "refused records with the reason",
                s.settings().clinicianAlertsTopic(), "alert transitions with full clinical detail",
                s.settings().patientAlertsTopic(), "plain-language messages for patients",
                s.settings().acknowledgementsTopic(), "acknowledgements {patientId, alertId, by, ts, note}",
                s.settings().summariesTopic(), "10-minute care-team summaries");
        purposes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> topics.addObject().put("name", e.getKey()).put("content", e.getValue()));
        ctx.json(out);
    }

    private void archives(Context ctx) {
        User user = engineer(ctx);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate to = ctx.queryParam("to") == null ? today : day("to", ctx.queryParam("to"));
        LocalDate from = ctx.queryParam("from") == null ? to.minusDays(30) : day("from", ctx.queryParam("from"));
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw ApiError.badRequest("from must be before to, at most " + MAX_DAYS + " days apart");
        }
        boolean identities = user.has(User.CLINICIAN) && user.wards().contains("*");
        ObjectNode out = Json.object();
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("pseudonymised", !identities);
        ArrayNode list = out.putArray("archives");
        String patient = ctx.queryParam("patient");
        if (patient != null) {
            Params.patientId(patient);
            for (ArchiveCatalog.PatientEntry e : archives.forPatient(patient, from, to)) {
                list.addObject().put("day", e.day().toString()).put("kind", e.kind()).put("location", e.location())
                        .put("rows", e.rows()).put("sha256", e.sha256())
                        .put("patient", identities ? e.patientId() : pseudonym(e.patientId()));
            }
            s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, patient, "archive catalog by patient");
        } else {
            for (ArchiveCatalog.Entry e : archives.list(ArchiveCatalog.OBSERVATIONS, from, to)) {
                ObjectNode n = list.addObject();
                n.put("day", e.day().toString()).put("kind", e.kind()).put("location", e.location())
                        .put("patients", e.patients().size()).put("rows", e.rows()).put("bytes", e.bytes())
                        .put("sha256", e.sha256()).put("from", instant(e.from())).put("to", instant(e.to()))
                        .put("archivedAt", instant(e.archivedAt())).put("archivedBy", e.archivedBy());
            }
            s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, null, "archive catalog " + from + ".." + to);
        }
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            ctx.json(out);
            return;
        }
        String file = "archive-catalog-" + from + "-" + to;
        if (format.equals("csv")) {
            ctx.contentType(TableExport.CSV).result(TableExport.csv(list));
        } else if (format.equals("jsonl")) {
            ctx.contentType(TableExport.JSON_LINES).result(TableExport.jsonLines(list));
        } else {
            throw ApiError.badRequest("format must be json, csv or jsonl");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + file + "." + format + "\"");
        // every export is audited (the search above is too), pseudonymised unless the user may see identities
        s.audit().patientAccess(ctx, user, "export", "E", AuditTrail.SUCCESS, patient,
                "archive catalog export " + format + ", " + list.size() + " rows" + (identities ? "" : ", pseudonymised"));
    }

    private static String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    private static LocalDate day(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (RuntimeException e) {
            throw ApiError.badRequest(name + " must be a date (YYYY-MM-DD)");
        }
    }

    private String pseudonym(String patientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pseudonymKey, "HmacSHA256"));
            return "pseudo-" + HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

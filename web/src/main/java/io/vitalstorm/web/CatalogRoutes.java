package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.TableCatalog;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data catalog for data engineers: the datasets (Cassandra tables with their keys, columns
 * and retention, as deployed; the Kafka topics) and the archive files with their catalog entries,
 * searchable by day range and patient. Patient ids are shown pseudonymised (HMAC-SHA256 with a
 * key of this server run) unless the user is a clinician of every ward.
 */
final class CatalogRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRoutes.class);
    private static final int MAX_DAYS = 400;
    static final int MAX_EXPORT_PATIENTS = 100;

    private final Services s;
    private final TableCatalog tables;
    private final ArchiveCatalog archives;
    private final Pseudonyms pseudonyms;

    CatalogRoutes(Services s, TableCatalog tables, ArchiveCatalog archives, Pseudonyms pseudonyms) {
        this.s = s;
        this.tables = tables;
        this.archives = archives;
        this.pseudonyms = pseudonyms;
    }

    void register(Javalin app) {
        app.get("/api/catalog/datasets", this::datasets);
        app.get("/api/catalog/archives", this::archives);
        app.get("/api/catalog/readings", this::readings);
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
        boolean identities = mayIdentify(user);
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
                        .put("patient", identities ? e.patientId() : pseudonyms.of(e.patientId()));
            }
            s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, patient,
                    "archive catalog by patient");
        } else {
            for (ArchiveCatalog.Entry e : archives.list(ArchiveCatalog.OBSERVATIONS, from, to)) {
                ObjectNode n = list.addObject();
                n.put("day", e.day().toString()).put("kind", e.kind()).put("location", e.location())
                        .put("patients", e.patients().size()).put("rows", e.rows()).put("bytes", e.bytes())
                        .put("sha256", e.sha256()).put("from", instant(e.from())).put("to", instant(e.to()))
                        .put("archivedAt", instant(e.archivedAt())).put("archivedBy", e.archivedBy())
                        .put("encryption", e.encryption()).put("keyedChecksum", e.hmac() != null);
            }
            s.audit().patientAccess(ctx, user, "search-type", "R", AuditTrail.SUCCESS, null,
                    "archive catalog " + from + ".." + to);
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
                "archive catalog export " + format + ", " + list.size() + " rows"
                + (identities ? "" : ", pseudonymised"));
    }

    /** Identities are shown only to a clinician of every ward; everyone else sees pseudonyms. */
    private static boolean mayIdentify(User user) {
        return user.has(User.CLINICIAN) && user.wards().contains("*");
    }

    /**
     * A slice of the readings, {@code patients} (comma-separated) × {@code from}..{@code to}, as CSV
     * or JSON lines for analysis: data engineers only; pseudonymised unless the user may see
     * identities. The slice is counted first (from the rollups) and refused whole if it holds more
     * than {@code vitalstorm.web.export.max.readings}; then it is audited for each patient and
     * streamed while the history is scanned. {@code X-Readings} says how many rows follow; a
     * failure half-way aborts the connection, so a partial file never looks complete.
     */
    private void readings(Context ctx) {
        User user = Services.user(ctx);
        if (!user.has(User.DATA_ENGINEER)) {
            throw ApiError.forbidden("exporting readings is for data engineers");
        }
        ReadingsExport.Format format = ReadingsExport.Format.parse(
                ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format"));
        List<String> patients = exportPatients(ctx.queryParam("patients"));
        if (ctx.queryParam("from") == null || ctx.queryParam("to") == null) {
            throw ApiError.badRequest("from and to are required");
        }
        Instant[] range = Params.range(null, ctx.queryParam("from"), ctx.queryParam("to"), s.web().maxRange(),
                Instant.now());
        long span = range[1].toEpochMilli() - range[0].toEpochMilli();
        long count = 0;
        for (String patient : patients) {
            count += s.history().aggregate(patient, range[0], range[1], span).totalReadings();
        }
        long max = s.web().exportMaxReadings();
        if (count > max) {
            throw new ApiError(400, "too-costly", "the slice holds " + count + " readings, more than the " + max
                    + " one export may hold: ask for fewer patients or a shorter range");
        }
        boolean identities = mayIdentify(user);
        Disclosure shown = identities ? Disclosure.IDENTITIES : pseudonyms;
        String what = "readings export " + format.extension + " " + range[0] + ".." + range[1] + ", " + patients.size()
                + " patients, " + count + " readings" + (identities ? "" : ", pseudonymised, times shifted");
        for (String patient : patients) {
            s.audit().patientAccess(ctx, user, "export", "E", AuditTrail.SUCCESS, patient, what);
        }
        ctx.contentType(format.contentType);
        ctx.header("Content-Disposition", "attachment; filename=\"readings-" + range[0].toEpochMilli() + "-"
                + range[1].toEpochMilli() + "." + format.extension + "\"");
        ctx.header("X-Readings", Long.toString(count));
        ctx.header("X-Pseudonymised", Boolean.toString(!identities));
        long written = 0;
        try {
            OutputStream out = ctx.outputStream();
            written = ReadingsExport.write(s.history(), patients, range[0], range[1], max, format, shown, out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            LOG.warn("readings export for {} aborted: {}", user.username(), e.toString());
            for (String patient : patients) {
                s.audit().patientAccess(ctx, user, "export", "E", 8, patient, what + ": aborted (" + e + ")");
            }
            Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
        }
        LOG.debug("readings export for {}: {} of {} readings", user.username(), written, count);
    }

    private List<String> exportPatients(String text) {
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("patients is required: patient ids, comma-separated");
        }
        String[] asked = text.split(",");
        if (asked.length > MAX_EXPORT_PATIENTS) {
            throw ApiError.badRequest("at most " + MAX_EXPORT_PATIENTS + " patients in one export");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : asked) {
            ids.add(Params.patientId(id.strip()));
        }
        for (String id : ids) {
            if (s.profiles().get(id).isEmpty()) {
                throw ApiError.notFound("no patient " + id);
            }
        }
        return new ArrayList<>(ids);
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
}

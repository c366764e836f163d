package io.vitalstorm.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * FHIR R4 reads: {@code GET /fhir/Patient/<id>} and
 * {@code GET /fhir/Observation?subject=Patient/<id>&date=ge<t1>&date=le<t2>&_count=N}, newest
 * first, paged with a {@code next} link. Errors come back as OperationOutcome (see the server's
 * error mapping).
 */
final class FhirRoutes {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1000;

    private final Services s;

    FhirRoutes(Services s) {
        this.s = s;
    }

    void register(Javalin app) {
        app.get("/fhir/Patient/{id}", this::patient);
        app.get("/fhir/Observation", this::observations);
    }

    private void patient(Context ctx) {
        PatientProfile p = s.patientFor(ctx, ctx.pathParam("id"), "read");
        s.audit().patientAccess(ctx, Services.user(ctx), "read", "R", AuditTrail.SUCCESS, p.patientId(),
                "FHIR Patient");
        ctx.contentType(FhirResources.CONTENT_TYPE).result(Json.string(FhirResources.patient(p)));
    }

    private void observations(Context ctx) {
        String subject = ctx.queryParam("subject");
        if (subject == null || !subject.startsWith("Patient/")) {
            throw ApiError.badRequest("subject=Patient/<id> is required");
        }
        PatientProfile p = s.patientFor(ctx, subject.substring("Patient/".length()), "search-type");
        Instant to = Instant.now().plusSeconds(1);
        Instant from = to.minus(s.web().maxRange());
        List<String> dates = ctx.queryParams("date");
        if (dates.size() > 2) {
            throw ApiError.badRequest("at most two date parameters (a lower and an upper bound)");
        }
        for (String d : dates) {
            if (d.length() < 3) {
                throw ApiError.badRequest("date must be ge<time>, gt<time>, le<time> or lt<time>");
            }
            String prefix = d.substring(0, 2);
            Instant t = Params.time("date", d.substring(2));
            switch (prefix) {
                case "ge" -> from = t;
                case "gt" -> from = t.plusMillis(1);
                case "le" -> to = t.plusMillis(1);
                case "lt" -> to = t;
                default -> throw ApiError.badRequest("date must be ge<time>, gt<time>, le<time> or lt<time>");
            }
        }
        if (!to.isAfter(from)) {
            throw ApiError.badRequest("the date range is empty");
        }
        if (java.time.Duration.between(from, to).compareTo(s.web().maxRange().plusDays(1)) > 0) {
            throw ApiError.badRequest("the date range is longer than " + s.web().maxRange().toDays() + " days");
        }
        int count = Params.integer("_count", ctx.queryParam("_count"), DEFAULT_COUNT, 1, MAX_COUNT);
        String cursorText = ctx.queryParam("_cursor");
        FhirResources.Cursor cursor = cursorText == null ? null : FhirResources.Cursor.decode(cursorText);
        FhirResources.Page page = FhirResources.page(s.history(), p.patientId(), from, to, count, cursor);

        String base = ctx.scheme() + "://" + ctx.host() + "/fhir";
        String query = "subject=" + enc("Patient/" + p.patientId()) + "&date=ge" + enc(from.toString())
                + "&date=lt" + enc(to.toString()) + "&_count=" + count;
        String self = base + "/Observation?" + query + (cursorText == null ? "" : "&_cursor=" + enc(cursorText));
        String next = page.next() == null ? null : base + "/Observation?" + query + "&_cursor=" + page.next().encode();
        s.audit().patientAccess(ctx, Services.user(ctx), "search-type", "R", AuditTrail.SUCCESS, p.patientId(),
                "FHIR Observation search, " + page.entries().size() + " entries");
        ctx.contentType(FhirResources.CONTENT_TYPE)
                .result(Json.string(FhirResources.searchset(page, self, next, base)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

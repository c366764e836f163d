package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.coordination.ThresholdsChange;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.thresholds.ThresholdsScope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The thresholds documents in force (global, a ward's, a patient's) and their audited change
 * history, read-only: changes go through the audited operator path ({@code vitalstorm thresholds}).
 * Clinicians see the global document and those of their wards and patients; operators all.
 */
final class ThresholdsRoutes {

    private final Services s;
    private final ThresholdsStore store;

    ThresholdsRoutes(Services s, ThresholdsStore store) {
        this.s = s;
        this.store = store;
    }

    void register(Javalin app) {
        app.get("/api/thresholds", this::thresholds);
    }

    private void thresholds(Context ctx) throws Exception {
        User user = Services.user(ctx);
        if (!user.has(User.CLINICIAN) && !user.has(User.OPERATOR)) {
            throw ApiError.forbidden("thresholds are shown to clinicians and operators");
        }
        List<ThresholdsScope> scopes = new ArrayList<>();
        scopes.add(ThresholdsScope.GLOBAL);
        String ward = ctx.queryParam("ward");
        if (ward != null) {
            if (ward.isBlank() || ward.length() > 100) {
                throw ApiError.badRequest("ward must be 1-100 characters");
            }
            if (!user.has(User.OPERATOR) && !user.wards().contains("*") && !user.wards().contains(ward)) {
                throw ApiError.forbidden("not one of your wards");
            }
            scopes.add(ThresholdsScope.ward(ward));
        }
        String patient = ctx.queryParam("patient");
        if (patient != null) {
            PatientProfile p = user.has(User.OPERATOR)
                    ? s.profiles().get(Params.patientId(patient))
                    .orElseThrow(() -> ApiError.notFound("no patient " + patient))
                    : s.patientFor(ctx, patient, "read");
            scopes.add(ThresholdsScope.patient(p.patientId()));
        }
        ObjectNode out = Json.object();
        ArrayNode docs = out.putArray("documents");
        for (ThresholdsScope scope : scopes) {
            ObjectNode d = docs.addObject();
            d.put("scope", scope.toString());
            Optional<ThresholdsStore.Stored> stored = store.read(scope);
            d.put("inForce", stored.isPresent());
            stored.ifPresent(st -> {
                d.put("version", st.version());
                d.set("document", WardRow.parse(st.text()));
            });
            ArrayNode history = d.putArray("history");
            for (ThresholdsChange c : store.history(scope)) {
                history.addObject().put("change", c.number()).put("who", c.who()).put("when", c.when().toString())
                        .put("why", c.why()).put("fromVersion", c.fromVersion()).put("before", c.before())
                        .put("after", c.after());
            }
        }
        out.put("note", "a scope without a document inherits from the wider one; the code defaults apply under all");
        ctx.json(out);
    }
}

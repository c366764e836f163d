package io.vitalstorm.web;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.javalin.http.Context;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.VitalHistory;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.PatientMessages;
import io.vitalstorm.storage.cassandra.SummaryStore;
import io.vitalstorm.storage.redis.LiveStateReader;
import org.apache.kafka.clients.producer.Producer;

import java.util.Optional;

/** What the route handlers share: the readers and writers of the storage tier, sessions, audit. */
record Services(VitalStormSettings settings, WebSettings web, Accounts accounts, SessionStore sessions,
                AuditTrail audit, LiveFeed feed, LiveStateReader live,
                LoadingCache<String, Optional<PatientProfile>> profiles,
                VitalHistory history, AlertStore alerts, SummaryStore summaries, PatientMessages messages,
                Producer<String, byte[]> producer) {

    static final String USER = "vitalstorm.user";
    static final String SESSION = "vitalstorm.session";

    static User user(Context ctx) {
        User u = ctx.attribute(USER);
        if (u == null) {
            throw ApiError.unauthorized();
        }
        return u;
    }

    /**
     * The patient's profile if the user may see it: 404 for an unknown patient, 403 (audited,
     * nothing about the patient in the answer) for one outside the user's wards.
     */
    PatientProfile patientFor(Context ctx, String rawId, String subtype) {
        User user = user(ctx);
        String id = Params.patientId(rawId);
        PatientProfile p = profiles.get(id).orElse(null);
        if (p == null) {
            if (user.has(User.CLINICIAN) || id.equals(user.patientId())) {
                throw ApiError.notFound("no patient " + id);
            }
            throw ApiError.forbidden("you may not see this patient");
        }
        if (!AccessPolicy.maySee(user, p)) {
            audit.patientAccess(ctx, user, subtype, "R", AuditTrail.MINOR_FAILURE, id,
                    "refused: not in the user's wards");
            throw ApiError.forbidden("you may not see this patient");
        }
        return p;
    }
}

package io.vitalstorm.web;

import io.javalin.http.Context;
import io.vitalstorm.storage.cassandra.AccessAuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes an access-audit event for each patient read or query, each acknowledgement, each
 * message and each login or refusal. The write is asynchronous (a page view does not wait for
 * Cassandra); a failed write is logged as an error, never dropped silently.
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    public static final int SUCCESS = 0;
    public static final int MINOR_FAILURE = 4;

    private final AccessAuditLog log;

    public AuditTrail(AccessAuditLog log) {
        this.log = log;
    }

    /** A patient read ({@code read}), query ({@code search-type}), or write ({@code create}). */
    public void patientAccess(Context ctx, User user, String subtype, String action, int outcome, String patientId,
                              String detail) {
        record(ctx, user, "rest", subtype, action, outcome, patientId, detail);
    }

    public void login(Context ctx, String username, boolean ok) {
        record(ctx, null, "110114", "login", "E", ok ? SUCCESS : MINOR_FAILURE, null, "user " + username);
    }

    /** A login refused before the password was checked (the lockout). */
    public void loginRefused(Context ctx, String username, String why) {
        record(ctx, null, "110114", "login", "E", MINOR_FAILURE, null, "user " + username + ": " + why);
    }

    private void record(Context ctx, User user, String type, String subtype, String action, int outcome,
                        String patientId, String detail) {
        String query = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
        AccessAuditLog.Event e = new AccessAuditLog.Event(UUID.randomUUID().toString(), Instant.now(), type, subtype,
                action, outcome, user == null ? null : user.username(),
                user == null ? java.util.Set.of() : user.roles(), ctx.ip(), patientId, truncate(query),
                truncate(detail));
        log.record(e).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.error("access audit write failed: {} {} {} {}", e.userId(), e.subtype(), e.patientId(),
                        e.query(), failure);
            }
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}

package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.vitalstorm.core.json.Json;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Login, logout, "who am I", and the gate in front of every API path: a session cookie
 * ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} under TLS), JSON bodies only, and the
 * session's CSRF token in {@code X-CSRF-Token} on every write.
 */
final class AuthRoutes {

    static final String COOKIE = "vs_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Services s;
    private final LoginThrottle throttle;

    AuthRoutes(Services s, LoginThrottle throttle) {
        this.s = s;
        this.throttle = throttle;
    }

    void register(Javalin app) {
        app.before("/api/*", this::gate);
        app.before("/fhir/*", this::gate);
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.get("/api/me", ctx -> ctx.json(me(Services.user(ctx), ctx.attribute(Services.SESSION))));
    }

    private void gate(Context ctx) {
        boolean write = WRITES.contains(ctx.method().name());
        if (write) {
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase().startsWith("application/json")) {
                throw new ApiError(415, "invalid", "send the body as application/json");
            }
        }
        if (ctx.path().equals("/api/login")) {
            return;
        }
        Optional<SessionStore.Session> session = s.sessions().find(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            throw ApiError.unauthorized();
        }
        if (write && !session.get().csrfToken().equals(ctx.header(CSRF_HEADER))) {
            throw new ApiError(403, "forbidden", "missing or wrong " + CSRF_HEADER + " header (reload the page)");
        }
        ctx.attribute(Services.USER, session.get().user());
        ctx.attribute(Services.SESSION, session.get());
    }

    private void login(Context ctx) {
        JsonNode body = body(ctx);
        String username = body.path("username").asText(null);
        String password = body.path("password").asText(null);
        String name = username == null ? "?" : username.substring(0, Math.min(64, username.length()));
        Optional<Duration> locked = throttle.lockedFor(name, ctx.ip());
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            s.audit().loginRefused(ctx, name, "too many failed logins, locked for " + seconds + " s");
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "throttled", "too many failed logins for this user or address; try again in "
                    + seconds + " s");
        }
        Optional<User> user = s.accounts().authenticate(username, password);
        s.audit().login(ctx, name, user.isPresent());
        if (user.isEmpty()) {
            throttle.failed(name, ctx.ip());
            throw new ApiError(401, "login", "wrong user name or password");
        }
        throttle.succeeded(name);
        SessionStore.Session session = s.sessions().open(user.get());
        ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict"
                + (s.web().tls() ? "; Secure" : ""));
        ctx.json(me(user.get(), session));
    }

    private void logout(Context ctx) {
        SessionStore.Session session = ctx.attribute(Services.SESSION);
        s.sessions().close(session.id());
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.json(Json.object().put("loggedOut", true));
    }

    private static ObjectNode me(User u, SessionStore.Session session) {
        ObjectNode n = Json.object();
        n.put("username", u.username());
        n.put("displayName", u.displayName());
        u.roles().stream().sorted().forEach(n.putArray("roles")::add);
        u.wards().stream().sorted().forEach(n.putArray("wards")::add);
        u.careTeams().stream().sorted().forEach(n.putArray("careTeams")::add);
        if (u.patientId() != null) {
            n.put("patientId", u.patientId());
        }
        n.put("csrfToken", session.csrfToken());
        return n;
    }

    /** The JSON object body (Javalin refuses one over the configured size with 413 before this). */
    static JsonNode body(Context ctx) {
        try {
            JsonNode n = Json.MAPPER.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw ApiError.badRequest("the body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not JSON");
        }
    }
}

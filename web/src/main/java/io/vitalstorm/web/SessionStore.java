package io.vitalstorm.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-side sessions: the cookie holds only a random 256-bit id; the session holds the user and
 * the CSRF token that every write must echo in a header. Sessions end after an idle period (and
 * at a server restart: users log in again).
 */
public final class SessionStore {

    public record Session(String id, User user, String csrfToken) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, Session> sessions;

    public SessionStore(Duration idle) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(100_000).build();
    }

    public Session open(User user) {
        Session s = new Session(token(), user, token());
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        return id == null || id.length() > 100 ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
    }

    public void close(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

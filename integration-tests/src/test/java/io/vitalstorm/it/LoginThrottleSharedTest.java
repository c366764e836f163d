package io.vitalstorm.it;

import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.web.Dashboard;
import io.vitalstorm.web.User;
import io.vitalstorm.web.WebSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two dashboard servers on the shared servers (one Redis): failed logins counted on either lock the
 * user on both (the lockout counts are in Redis under {@code vs:login:}, not in a server's memory),
 * and a success on one clears the count for both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleSharedTest {

    /** docs/dashboard.md: 5 failed logins for one user within 15 min lock it until the window ends. */
    private static final int USER_LIMIT = 5;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String PASSWORD = "shared-throttle-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private ServerClients servers;
    private Dashboard first;
    private Dashboard second;

    @BeforeAll
    void start() {
        servers = ServerClients.open("throttle");
        Map<String, Object> conf = new HashMap<>(servers.settings.toMap());
        conf.put("vitalstorm.web.port", 0);
        first = Dashboard.start(servers.settings, WebSettings.fromMap(conf));
        second = Dashboard.start(servers.settings, WebSettings.fromMap(conf));
    }

    @AfterAll
    void stop() {
        ServerClients clients = servers;
        Dashboard one = first;
        Dashboard two = second;
        try (clients; one; two) {
            // closed in reverse order, each even if another fails: the dashboards, then the clients
        }
    }

    private String newUser() {
        String name = "it.throttle." + UUID.randomUUID().toString().substring(0, 8);
        first.accounts().create(name, "Dr Throttle", PASSWORD, Set.of(User.CLINICIAN), Set.of("Ward-T"), Set.of(),
                null);
        return name;
    }

    private HttpResponse<String> login(Dashboard server, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\""
                        + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void failedLoginsSpreadOverTwoServersLockTheUserOnBoth() throws Exception {
        String user = newUser();
        for (int i = 0; i < USER_LIMIT; i++) {
            assertThat(login(i % 2 == 0 ? first : second, user, "wrong password " + i).statusCode())
                    .as("failure %d", i).isEqualTo(401);
        }
        for (Dashboard server : new Dashboard[] {first, second}) {
            HttpResponse<String> locked = login(server, user.toUpperCase(), PASSWORD);
            assertThat(locked.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(WINDOW.toSeconds() - 120, WINDOW.toSeconds());
        }
        // the count is one Redis key with the window as its expiry
        long ttl = servers.redis.pttl(RedisKeys.failures("user:" + user));
        assertThat(ttl).isBetween(WINDOW.minusMinutes(2).toMillis(), WINDOW.toMillis());
        assertThat(servers.redis.get(RedisKeys.failures("user:" + user))).isEqualTo(Integer.toString(USER_LIMIT));
        // another user from the same address still logs in, on either server
        String other = newUser();
        assertThat(login(second, other, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aSuccessOnOneServerClearsTheFailuresCountedOnTheOther() throws Exception {
        String user = newUser();
        for (int i = 0; i < USER_LIMIT - 1; i++) {
            assertThat(login(first, user, "wrong password").statusCode()).isEqualTo(401);
        }
        assertThat(login(second, user, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(servers.redis.exists(RedisKeys.failures("user:" + user))).isFalse();
        for (int i = 0; i < USER_LIMIT - 1; i++) {
            assertThat(login(second, user, "wrong password").statusCode()).isEqualTo(401);
        }
        assertThat(login(first, user, PASSWORD).statusCode()).as("four failures again: not locked").isEqualTo(200);
    }
}

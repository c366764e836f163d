package io.vitalstorm.web;

import io.vitalstorm.storage.FailureCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lockout against password guessing: failed logins are counted per user name and per client
 * address in a fixed window that starts with the first failure; at the limit further attempts are
 * refused (429 with {@code Retry-After}) until the window ends, without checking the password —
 * so guessing goes no faster than the limit, and a locked attempt costs no bcrypt. A success
 * clears the user's count (not the address's: one address guessing many names stays limited).
 * The counts are in Redis ({@code RedisFailureCounts}), shared by every web server on it, so
 * spreading guesses over several servers or waiting for a restart gains nothing. If the counts
 * cannot be reached, logins are refused with 503 (never let through unthrottled).
 */
final class LoginThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    static final int USER_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final FailureCounts counts;

    LoginThrottle(FailureCounts counts) {
        this.counts = counts;
    }

    /** How long the caller must wait, or empty if this attempt may check the password. */
    Optional<Duration> lockedFor(String username, String address) {
        Optional<Duration> user = locked(userKey(username), USER_LIMIT);
        return user.isPresent() ? user : locked(addressKey(address), ADDRESS_LIMIT);
    }

    void failed(String username, String address) {
        reach(() -> {
            counts.fail(userKey(username), WINDOW);
            counts.fail(addressKey(address), WINDOW);
            return null;
        });
    }

    void succeeded(String username) {
        reach(() -> {
            counts.clear(userKey(username));
            return null;
        });
    }

    private Optional<Duration> locked(String key, int limit) {
        FailureCounts.Window w = reach(() -> counts.read(key));
        return w.failures() < limit ? Optional.empty() : Optional.of(w.left());
    }

    private static <T> T reach(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.warn("the failed-login counts cannot be reached: {}", e.toString());
            throw new ApiError(503, "transient", "logging in is not possible for a moment; try again shortly");
        }
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}

package io.vitalstorm.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lockout against password guessing: failed logins are counted per user name and per client
 * address in a fixed window that starts with the first failure; at the limit further attempts are
 * refused (429 with {@code Retry-After}) until the window ends, without checking the password —
 * so guessing goes no faster than the limit, and a locked attempt costs no bcrypt. A success
 * clears the user's count (not the address's: one address guessing many names stays limited).
 * In memory, per server: a restart or a second server resets or splits the counts.
 */
final class LoginThrottle {

    static final int USER_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> byUser;
    private final Cache<String, AtomicInteger> byAddress;

    LoginThrottle() {
        this(Ticker.systemTicker());
    }

    LoginThrottle(Ticker ticker) {
        this.byUser = window(ticker);
        this.byAddress = window(ticker);
    }

    /** Counters are changed in place, so an entry expires {@link #WINDOW} after the first failure. */
    private static Cache<String, AtomicInteger> window(Ticker ticker) {
        return Caffeine.newBuilder().ticker(ticker).expireAfterWrite(WINDOW).maximumSize(100_000).build();
    }

    /** How long the caller must wait, or empty if this attempt may check the password. */
    Optional<Duration> lockedFor(String username, String address) {
        Optional<Duration> user = locked(byUser, key(username), USER_LIMIT);
        return user.isPresent() ? user : locked(byAddress, address, ADDRESS_LIMIT);
    }

    void failed(String username, String address) {
        byUser.get(key(username), k -> new AtomicInteger()).incrementAndGet();
        byAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
    }

    void succeeded(String username) {
        byUser.invalidate(key(username));
    }

    private static Optional<Duration> locked(Cache<String, AtomicInteger> counts, String key, int limit) {
        AtomicInteger n = counts.getIfPresent(key);
        if (n == null || n.get() < limit) {
            return Optional.empty();
        }
        Duration age = counts.policy().expireAfterWrite().flatMap(p -> p.ageOf(key)).orElse(Duration.ZERO);
        Duration left = WINDOW.minus(age);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}

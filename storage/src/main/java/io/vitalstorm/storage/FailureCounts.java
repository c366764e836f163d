package io.vitalstorm.storage;

import java.time.Duration;

/**
 * Counts of failures (the dashboard's failed logins) in fixed windows that start with a key's first
 * failure: {@code io.vitalstorm.storage.redis.RedisFailureCounts} shares them between every server
 * using one Redis.
 */
public interface FailureCounts {

    /** The failures counted under a key and how long its window still runs (zero failures: no window). */
    record Window(long failures, Duration left) {

        public static final Window NONE = new Window(0, Duration.ZERO);
    }

    /** Counts one failure under {@code key}; the first one opens a window of {@code window}. */
    void fail(String key, Duration window);

    Window read(String key);

    /** Forgets the key's failures (and its window). */
    void clear(String key);
}

package io.vitalstorm.storage.redis;

import io.vitalstorm.storage.FailureCounts;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.List;

/**
 * {@link FailureCounts} in Redis, shared by every server on it: a string counter per key under
 * {@link RedisKeys#failures} ({@code vs:login:…}), raised by a script that gives the key its expiry
 * with the first failure (INCR, then PEXPIRE when the key has none), so the window is fixed from the
 * first failure, later failures do not extend it, and no crash between the two leaves a counter that
 * never expires. Commands: EVAL (INCR, PTTL, PEXPIRE), GET, PTTL, DEL — all inside the ACL of
 * docs/security.md (keys {@code ~vs:*}, {@code +@read +@write +@scripting}).
 */
public final class RedisFailureCounts implements FailureCounts {

    private static final String FAIL = "local n = redis.call('INCR', KEYS[1]) "
            + "if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return n";
    private static final String READ = "return {tonumber(redis.call('GET', KEYS[1]) or '0'), "
            + "redis.call('PTTL', KEYS[1])}";

    private final JedisPooled redis;

    public RedisFailureCounts(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public void fail(String key, Duration window) {
        redis.eval(FAIL, List.of(RedisKeys.failures(key)), List.of(Long.toString(window.toMillis())));
    }

    @Override
    public Window read(String key) {
        List<?> reply = (List<?>) redis.eval(READ, List.of(RedisKeys.failures(key)), List.of());
        long failures = ((Number) reply.get(0)).longValue();
        long left = ((Number) reply.get(1)).longValue(); // -2: no key
        return failures == 0 ? Window.NONE : new Window(failures, Duration.ofMillis(Math.max(0, left)));
    }

    @Override
    public void clear(String key) {
        redis.del(RedisKeys.failures(key));
    }
}

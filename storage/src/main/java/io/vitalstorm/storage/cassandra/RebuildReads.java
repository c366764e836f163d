package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the reads that rebuild Redis-lost state share. They run on a bolt's thread, once per patient
 * first seen without cached state, so an unreachable Cassandra must not hold each such patient for
 * the session's request timeout: each request gives up after {@link #TIMEOUT}, and after a failed
 * read every read fails at once for {@link #FAIL_FAST_MILLIS}. The session and the prepared
 * statements are made on first use (a worker starts while Cassandra is down). The engines count a
 * failure and start the patient afresh.
 */
final class RebuildReads<T> {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final long FAIL_FAST_MILLIS = 10_000;

    private final Supplier<CqlSession> session;
    private final Function<CqlSession, T> prepare;
    private final LongSupplier clock;
    private T prepared;
    private long failingUntil = Long.MIN_VALUE;

    RebuildReads(Supplier<CqlSession> session, Function<CqlSession, T> prepare, LongSupplier clock) {
        this.session = session;
        this.prepare = prepare;
        this.clock = clock;
    }

    synchronized <R> R read(Function<T, R> query) {
        long now = clock.getAsLong();
        if (now < failingUntil) {
            throw new IllegalStateException("a rebuild read failed less than " + FAIL_FAST_MILLIS
                    + " ms ago: Cassandra not asked again yet");
        }
        try {
            if (prepared == null) {
                prepared = prepare.apply(session.get());
            }
            return query.apply(prepared);
        } catch (RuntimeException e) {
            failingUntil = now + FAIL_FAST_MILLIS;
            throw e;
        }
    }
}

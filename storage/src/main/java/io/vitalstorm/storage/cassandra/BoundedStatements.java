package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The asynchronous statements of one writer, with backpressure and a bounded retry of transient timeouts. At most
 * {@link #MAX_IN_FLIGHT} are in flight: the next one waits (blocks the caller) until one completes, so a writer fed
 * faster than Cassandra takes it slows its caller down instead of queueing thousands of requests in the driver,
 * whose request timeout counts from the moment a request is queued (a flush at the back of such a queue timed
 * out after 10 s while Cassandra was merely busy). A statement that times out — the driver's own timeout, a
 * replica's read or write timeout, an overloaded node — is sent again after {@link #RETRY_PAUSE_MILLIS}, up to
 * {@link #MAX_ATTEMPTS} attempts in all, each retry counted ({@link #retried()}); then the failure is the
 * caller's (the bolt replays the batch). Only for idempotent statements: every write of the history is.
 * Thread-safe.
 */
public final class BoundedStatements {

    /** Half the session's {@code CassandraSessions.MAX_IN_FLIGHT}: other requests on the session never queue long. */
    static final int MAX_IN_FLIGHT = 256;
    static final int MAX_ATTEMPTS = 3;
    static final long RETRY_PAUSE_MILLIS = 200;

    private final Function<Statement<?>, CompletionStage<AsyncResultSet>> send;
    private final Semaphore permits;
    private final int maxInFlight;
    private final int maxAttempts;
    private final Executor retryPause;
    private final LongAdder retried = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();

    public BoundedStatements(CqlSession session) {
        this(session::executeAsync, MAX_IN_FLIGHT, MAX_ATTEMPTS,
                CompletableFuture.delayedExecutor(RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS));
    }

    BoundedStatements(Function<Statement<?>, CompletionStage<AsyncResultSet>> send, int maxInFlight,
                      int maxAttempts, Executor retryPause) {
        this.send = send;
        this.permits = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.maxAttempts = maxAttempts;
        this.retryPause = retryPause;
    }

    /**
     * Sends {@code statement} once fewer than the bound are in flight (waiting for that here); completes with its
     * result, or with its last failure. An interrupted wait fails the statement without sending it.
     */
    public CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<AsyncResultSet> done = new CompletableFuture<>();
        done.whenComplete((ok, failed) -> permits.release());
        attempt(statement, 1, done);
        return done;
    }

    private void attempt(Statement<?> statement, int attempt, CompletableFuture<AsyncResultSet> done) {
        CompletionStage<AsyncResultSet> sent;
        try {
            sent = send.apply(statement);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        sent.whenComplete((result, failed) -> {
            if (failed == null) {
                done.complete(result);
            } else if (isTransientTimeout(failed) && attempt < maxAttempts) {
                retried.increment();
                CompletableFuture.runAsync(() -> attempt(statement, attempt + 1, done), retryPause);
            } else {
                if (isTransientTimeout(failed)) {
                    gaveUp.increment();
                }
                done.completeExceptionally(failed instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failed);
            }
        });
    }

    static boolean isTransientTimeout(Throwable failure) {
        Throwable t = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return t instanceof DriverTimeoutException || t instanceof WriteTimeoutException
                || t instanceof ReadTimeoutException || t instanceof OverloadedException;
    }

    /** Statements sent again after a transient timeout, since start. */
    public long retried() {
        return retried.sum();
    }

    /** Statements that still timed out at their last attempt, since start. */
    public long gaveUp() {
        return gaveUp.sum();
    }

    /** Statements in flight now. */
    int inFlight() {
        return maxInFlight - permits.availablePermits();
    }
}

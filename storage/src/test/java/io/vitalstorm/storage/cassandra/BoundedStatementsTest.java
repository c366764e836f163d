package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench's 1,000-patient limit loop died on a DriverTimeoutException: every history batch of a poll was sent at
 * once, thousands of statements queued in the driver, and its timeout counts the queueing. These pin the fix: the
 * writer never has more than its bound in flight (the caller waits), and a timeout is retried, bounded and counted.
 */
class BoundedStatementsTest {

    private static final Statement<?> INSERT = SimpleStatement.newInstance("INSERT INTO t (k) VALUES (1)");

    /** A server that answers nothing until told: every sent statement's future, in order. */
    private static final class HeldServer implements Function<Statement<?>, CompletionStage<AsyncResultSet>> {
        final List<CompletableFuture<AsyncResultSet>> sent = new ArrayList<>();

        @Override
        public synchronized CompletionStage<AsyncResultSet> apply(Statement<?> s) {
            CompletableFuture<AsyncResultSet> f = new CompletableFuture<>();
            sent.add(f);
            return f;
        }

        synchronized int count() {
            return sent.size();
        }

        synchronized CompletableFuture<AsyncResultSet> get(int i) {
            return sent.get(i);
        }
    }

    @Test
    void aCallerBeyondTheBoundWaitsUntilAStatementCompletes() throws Exception {
        HeldServer server = new HeldServer();
        BoundedStatements statements = new BoundedStatements(server, 2, 3, Runnable::run);
        statements.execute(INSERT);
        statements.execute(INSERT);
        assertThat(statements.inFlight()).isEqualTo(2);

        CountDownLatch thirdSent = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            statements.execute(INSERT);
            thirdSent.countDown();
        });
        caller.start();
        assertThat(thirdSent.await(300, TimeUnit.MILLISECONDS)).as("third sent while two are in flight").isFalse();
        assertThat(server.count()).isEqualTo(2);

        server.get(0).complete(null);
        assertThat(thirdSent.await(5, TimeUnit.SECONDS)).isTrue();
        caller.join(5_000);
        assertThat(server.count()).isEqualTo(3);
        assertThat(statements.inFlight()).isEqualTo(2);
    }

    @Test
    void aTimeoutIsSentAgainAndCountedAndTheStatementSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        BoundedStatements statements = new BoundedStatements(s -> attempts.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new DriverTimeoutException("Query timed out after PT10S"))
                : CompletableFuture.completedFuture(null), 4, 3, Runnable::run);

        statements.execute(INSERT).get(5, TimeUnit.SECONDS);

        assertThat(attempts).hasValue(3);
        assertThat(statements.retried()).isEqualTo(2);
        assertThat(statements.gaveUp()).isZero();
        assertThat(statements.inFlight()).isZero();
    }

    @Test
    void retriesAreBoundedThenTheTimeoutIsTheCallersToHandle() {
        AtomicInteger attempts = new AtomicInteger();
        BoundedStatements statements = new BoundedStatements(s -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new DriverTimeoutException("Query timed out after PT10S"));
        }, 4, 3, Runnable::run);

        assertThatThrownBy(() -> statements.execute(INSERT).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(DriverTimeoutException.class);
        assertThat(attempts).hasValue(3);
        assertThat(statements.retried()).isEqualTo(2);
        assertThat(statements.gaveUp()).isEqualTo(1);
        assertThat(statements.inFlight()).as("the permit comes back after a failure").isZero();
    }

    @Test
    void aDefectIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        BoundedStatements statements = new BoundedStatements(s -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new SyntaxError(null, "line 1: no viable alternative"));
        }, 4, 3, Runnable::run);

        assertThatThrownBy(() -> statements.execute(INSERT).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SyntaxError.class);
        assertThat(attempts).hasValue(1);
        assertThat(statements.retried()).isZero();
    }
}

package io.vitalstorm.bolts;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import org.apache.kafka.common.errors.RetriableException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells an outage of a named client — worth replaying the record later — from a defect or a bad
 * record, which would fail the same way on every replay. Only these count as transient:
 * <ul>
 *   <li>Redis: connection failures and timeouts, and the server refusing commands while it
 *       loads, is read-only or out of memory;</li>
 *   <li>Cassandra: no node, timeouts, unavailable or overloaded replicas, closed connections,
 *       and a missing keyspace or table (an infrastructure fault: the schema is re-applied,
 *       docs/reliability.md);</li>
 *   <li>Kafka: the client's retriable errors; ZooKeeper or any client: timeouts and I/O errors;</li>
 *   <li>an interrupted wait ({@link #isInterruption}): the executor is being stopped (worker shutdown,
 *       topology kill or rebalance), which says nothing about the record.</li>
 * </ul>
 * Anything else is deterministic.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 16; t = t.getCause()) {
            if (isOutage(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is (or was caused by) an interrupted wait: the thread is being stopped. */
    public static boolean isInterruption(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 16; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable t) {
        if (t instanceof JedisDataException d) {
            String m = String.valueOf(d.getMessage());
            return m.startsWith("LOADING") || m.startsWith("READONLY") || m.startsWith("OOM")
                    || m.startsWith("MASTERDOWN")
                    || m.startsWith("BUSY") || m.startsWith("CLUSTERDOWN") || m.startsWith("TRYAGAIN");
        }
        return t instanceof JedisConnectionException
                || t instanceof AllNodesFailedException || t instanceof NoNodeAvailableException
                || t instanceof DriverTimeoutException || t instanceof QueryConsistencyException
                || t instanceof UnavailableException || t instanceof OverloadedException
                || t instanceof ClosedConnectionException
                || (t instanceof InvalidQueryException q && isMissingSchema(q))
                || t instanceof RetriableException
                || t instanceof InterruptedException
                || t instanceof TimeoutException || t instanceof IOException
                || t instanceof WorkerResources.UnavailableException;
    }

    /** Whether a failure (or a cause of it) is Cassandra refusing a statement for a missing keyspace or table. */
    public static boolean isMissingSchema(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidQueryException q && isMissingSchema(q)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMissingSchema(InvalidQueryException q) {
        String m = String.valueOf(q.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("keyspace") || m.contains("table") || m.contains("unconfigured");
    }
}

package io.vitalstorm.spouts;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.storm.kafka.spout.KafkaSpout;
import org.apache.storm.kafka.spout.KafkaSpoutConfig;
import org.apache.storm.spout.SpoutOutputCollector;
import org.apache.storm.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A KafkaSpout that outlives Kafka errors. storm-kafka-client 2.8.3's {@code nextTuple} catches only
 * a {@code RetriableException} from {@code poll}: a commit or partition refresh that times out
 * (an outage longer than {@code default.api.timeout.ms}), or a non-retriable error such as
 * {@code TopicAuthorizationException}, escapes it and kills the executor, so the worker. Here
 * such an error is logged and counted, and the spout pauses (1 s doubling to 30 s) and tries
 * again; nothing is lost, since offsets are committed only for acked tuples and a failed commit
 * is repeated. The health check shows the partition STALLED meanwhile.
 */
public final class ResilientKafkaSpout<K, V> extends KafkaSpout<K, V> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ResilientKafkaSpout.class);
    public static final String ERRORS = "vitalstorm.spoutKafkaErrors";

    private final KafkaErrorBackoff backoff = new KafkaErrorBackoff(1_000, 30_000);
    private transient Runnable countError;

    public ResilientKafkaSpout(KafkaSpoutConfig<K, V> config) {
        super(config);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        super.open(conf, context, collector);
        var counter = context.registerCounter(ERRORS);
        countError = counter::inc;
    }

    @Override
    public void nextTuple() {
        backoff.run(super::nextTuple, this::onError);
    }

    @Override
    public void deactivate() {
        backoff.run(super::deactivate, this::onError);
    }

    private void onError(KafkaException e, long pauseMs) {
        if (countError != null) {
            countError.run();
        }
        LOG.warn("Kafka error in the spout, pausing {} ms and trying again: {}", pauseMs, e.toString());
    }

    /**
     * Runs a step unless paused; a Kafka error (not an interrupt, which ends the worker) starts or lengthens a pause.
     */
    static final class KafkaErrorBackoff implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        interface OnError {
            void accept(KafkaException e, long pauseMs);
        }

        private final long firstPauseMs;
        private final long maxPauseMs;
        private long pauseMs;
        private long pausedUntilNanos;

        KafkaErrorBackoff(long firstPauseMs, long maxPauseMs) {
            this.firstPauseMs = firstPauseMs;
            this.maxPauseMs = maxPauseMs;
        }

        /** @return whether the step ran and succeeded */
        boolean run(Runnable step, OnError onError) {
            if (pauseMs > 0 && System.nanoTime() - pausedUntilNanos < 0) {
                return false;
            }
            try {
                step.run();
                pauseMs = 0;
                return true;
            } catch (InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                pauseMs = pauseMs == 0 ? firstPauseMs : Math.min(maxPauseMs, pauseMs * 2);
                pausedUntilNanos = System.nanoTime() + pauseMs * 1_000_000;
                onError.accept(e, pauseMs);
                return false;
            }
        }

        long pauseMs() {
            return pauseMs;
        }
    }
}

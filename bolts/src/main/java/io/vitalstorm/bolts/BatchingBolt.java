package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.parse.Rejection;
import org.apache.storm.Config;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.apache.storm.utils.TupleUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Base for bolts that write in batches (a Redis pipeline, Cassandra batches, state checkpoints):
 * a batch is written when it is full or its oldest tuple has waited {@code maxDelayMillis}; a
 * tick tuple every second flushes what is left when traffic stops. A bolt whose readers wait for
 * its writes ({@link #flushWhenIdle}) also writes its batch the moment its executor has no more
 * input ready ({@link FlushOnIdleWaitStrategy}): no fixed wait at low load, full batches under
 * load. Tuples are acked only after
 * their batch is stored. If the write fails, each tuple goes through the {@link FailurePolicy}:
 * failed for a replay while the outage lasts and retries remain, otherwise put on the
 * dead-letter stream and acked. A subclass that emits does so anchored, from {@link #item},
 * through {@link #collector()}.
 */
public abstract class BatchingBolt<T> extends BaseRichBolt {

    private static final long serialVersionUID = 1L;

    /** Well inside the 60 s message timeout, so a stuck write fails and replays before Storm times out. */
    static final long WRITE_TIMEOUT_SECONDS = 20;

    private final int maxBatch;
    private final long defaultMaxDelayMillis;
    private transient long maxDelayMillis;
    private transient Runnable stopFlushingWhenIdle;
    private transient OutputCollector collector;
    private transient BoltSupport support;
    private transient List<Tuple> tuples;
    private transient List<T> items;
    private transient long oldestMillis;

    protected BatchingBolt(int maxBatch, long maxDelayMillis) {
        this.maxBatch = maxBatch;
        this.defaultMaxDelayMillis = maxDelayMillis;
    }

    /** The longest a tuple waits for its batch to fill; the constructor's by default, a subclass may read a setting. */
    protected long maxDelayMillis(Map<String, Object> conf) {
        return defaultMaxDelayMillis;
    }

    /** Whether the batch is also written as soon as the executor runs out of input; false by default. */
    protected boolean flushWhenIdle() {
        return false;
    }

    /** Opens connections and registers metrics; called once per task. */
    protected abstract void open(VitalStormSettings settings, TopologyContext context);

    /** The item a tuple carries; null when the subclass has already acked or failed the tuple itself. */
    protected abstract T item(Tuple tuple);

    /** Stores the batch, returning only when it is durable; throws if it is not. */
    protected abstract void write(List<T> batch) throws Exception;

    /** Names the tuple's record, for retry counts and logs. */
    protected abstract String recordKey(Tuple tuple);

    /** The dead letter of a tuple given up on. */
    protected abstract Values deadLetter(Tuple tuple, Rejection rejection);

    /** Waits for an asynchronous write; a write that neither succeeds nor fails in time counts as failed. */
    protected static void await(CompletionStage<?> write) throws Exception {
        write.toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public final void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.tuples = new ArrayList<>(maxBatch);
        this.items = new ArrayList<>(maxBatch);
        this.support = BoltSupport.prepare(conf, context, VitalStormSettings::vitalsTopic);
        this.maxDelayMillis = maxDelayMillis(conf);
        open(support.settings(), context);
        if (flushWhenIdle()) {
            stopFlushingWhenIdle = FlushOnIdleWaitStrategy.onIdle(this::flush);
        }
    }

    @Override
    public void cleanup() {
        if (stopFlushingWhenIdle != null) {
            stopFlushingWhenIdle.run();
        }
    }

    @Override
    public final void execute(Tuple input) {
        if (TupleUtils.isTick(input)) {
            onTick();
            flush();
            return;
        }
        T item = item(input);
        if (item == null) {
            return;
        }
        if (tuples.isEmpty()) {
            oldestMillis = System.currentTimeMillis();
        }
        tuples.add(input);
        items.add(item);
        if (tuples.size() >= maxBatch || System.currentTimeMillis() - oldestMillis >= maxDelayMillis) {
            flush();
        }
    }

    /** Called once for a batch whose write failed, before its tuples are failed or given up on; nothing by default. */
    protected void onWriteFailure(Exception failure) {
    }

    /** Called on every tick tuple before the flush; nothing by default. */
    protected void onTick() {
    }

    protected final OutputCollector collector() {
        return collector;
    }

    protected final BoltSupport support() {
        return support;
    }

    /**
     * Puts a tuple that cannot be processed on the dead-letter stream, or fails it for a replay, as the policy says.
     */
    protected final void failOrGiveUp(Tuple tuple, Throwable failure) {
        Optional<Rejection> giveUp = support.failures().onFailure(recordKey(tuple), failure);
        if (giveUp.isEmpty()) {
            collector.fail(tuple);
            return;
        }
        collector.emit(TupleFields.OUTBOUND_STREAM, tuple, deadLetter(tuple, giveUp.get()));
        collector.ack(tuple);
    }

    private void flush() {
        if (tuples.isEmpty()) {
            return;
        }
        try {
            write(List.copyOf(items)); // a copy: the writer may keep the batch beyond this call
            for (Tuple t : tuples) {
                support.succeeded(() -> recordKey(t));
                collector.ack(t);
            }
        } catch (Exception e) {
            // a sink's write (history, latest state, alert store) or the risk engine's checkpoint
            support.metrics().counter("vitalstorm.writeFailures").inc();
            collector.reportError(e);
            onWriteFailure(e);
            for (Tuple t : tuples) {
                failOrGiveUp(t, e);
            }
        } finally {
            tuples.clear();
            items.clear();
        }
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        Map<String, Object> conf = new HashMap<>();
        conf.put(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 1);
        return conf;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        // nothing goes further than a sink, but a record given up on goes to the dead-letter topic
        declarer.declareStream(TupleFields.OUTBOUND_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}

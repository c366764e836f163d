package io.vitalstorm.bolts;

import org.apache.storm.Config;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.topology.base.BaseRichBolt;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.utils.TupleUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Base for bolts that write in batches (a Redis pipeline, Cassandra batches, state checkpoints):
 * a batch is written when it is full or its oldest tuple has waited {@code maxDelayMillis}; a
 * tick tuple every second flushes what is left when traffic stops. Tuples are acked only after
 * their batch is stored and failed (so Kafka replays them) if the write fails. Sinks emit
 * nothing; a subclass that emits does so anchored, from {@link #item}, through {@link #collector()}.
 */
public abstract class BatchingBolt<T> extends BaseRichBolt {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BatchingBolt.class);

    /** Well inside the 60 s message timeout, so a stuck write fails and replays before Storm times out. */
    static final long WRITE_TIMEOUT_SECONDS = 20;

    private final int maxBatch;
    private final long maxDelayMillis;
    private transient OutputCollector collector;
    private transient List<Tuple> tuples;
    private transient List<T> items;
    private transient long oldestMillis;

    protected BatchingBolt(int maxBatch, long maxDelayMillis) {
        this.maxBatch = maxBatch;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Opens connections; called once per task. */
    protected abstract void open(Map<String, Object> conf);

    /** The item a tuple carries; null when the subclass has already acked or failed the tuple itself. */
    protected abstract T item(Tuple tuple);

    /** Stores the batch, returning only when it is durable; throws if it is not. */
    protected abstract void write(List<T> batch) throws Exception;

    /** Waits for an asynchronous write; a write that neither succeeds nor fails in time counts as failed. */
    protected static void await(CompletionStage<?> write) throws Exception {
        write.toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public final void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.tuples = new ArrayList<>(maxBatch);
        this.items = new ArrayList<>(maxBatch);
        open(conf);
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

    /** Called on every tick tuple before the flush; nothing by default. */
    protected void onTick() {
    }

    protected final OutputCollector collector() {
        return collector;
    }

    private void flush() {
        if (tuples.isEmpty()) {
            return;
        }
        try {
            write(items);
            tuples.forEach(collector::ack);
        } catch (Exception e) {
            LOG.warn("{}: writing {} items failed, they will be replayed: {}", getClass().getSimpleName(), items.size(), e.toString());
            collector.reportError(e);
            tuples.forEach(collector::fail);
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
        // a sink: nothing goes further
    }
}

package io.vitalstorm.bolts;

import io.vitalstorm.bolts.serde.ScoredReadingCodec;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import org.apache.storm.task.TopologyContext;

import java.util.List;

/**
 * Cassandra: the full history, from the history topic that the risk engine feeds. The history
 * has a spout of its own, so a Cassandra outage stalls only this path — the readings wait in
 * Kafka, the alerts do not wait for them. Larger, slower batches than Redis: nobody waits on
 * history, and bigger batches mean more rows per patient-day partition write.
 */
public final class HistoryBolt extends KafkaRecordBatchingBolt<ScoredObservation> {

    private static final long serialVersionUID = 1L;

    private final ClientFactory<HistoryWriter> writerFactory;
    private transient HistoryWriter writer;

    public HistoryBolt() {
        this(WorkerResources::history, WorkerResources::schemaRepair);
    }

    HistoryBolt(ClientFactory<HistoryWriter> writerFactory, ClientFactory<Runnable> schemaRepair) {
        super(2_000, 500, schemaRepair);
        this.writerFactory = writerFactory;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        writer = writerFactory.create(settings);
        context.registerGauge("vitalstorm.history.timeoutsRetried", writer::timeoutsRetried);
        context.registerGauge("vitalstorm.history.timeoutsGivenUp", writer::timeoutsGivenUp);
    }

    @Override
    protected ScoredObservation decode(byte[] value) {
        return ScoredReadingCodec.decode(value);
    }

    @Override
    protected void write(List<ScoredObservation> batch) throws Exception {
        await(writer.write(batch));
    }
}

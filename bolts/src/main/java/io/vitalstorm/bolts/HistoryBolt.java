package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import org.apache.storm.tuple.Tuple;

import java.util.List;
import java.util.Map;

/**
 * Cassandra: the full history. Larger, slower batches than Redis: nobody waits on history,
 * and bigger batches mean more rows per patient-day partition write.
 */
public final class HistoryBolt extends BatchingBolt<ScoredObservation> {

    private static final long serialVersionUID = 1L;

    private transient HistoryWriter writer;

    public HistoryBolt() {
        super(2_000, 500);
    }

    @Override
    protected void open(Map<String, Object> conf) {
        VitalStormSettings s = VitalStormSettings.fromMap(conf);
        writer = new HistoryWriter(WorkerResources.cassandra(s), s.cassandraKeyspace(), s.retentionDays());
    }

    @Override
    protected ScoredObservation item(Tuple tuple) {
        return ((Assessment) tuple.getValueByField(TupleFields.ASSESSMENT)).scored();
    }

    @Override
    protected void write(List<ScoredObservation> batch) throws Exception {
        await(writer.write(batch));
    }
}

package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.storage.redis.LatestStateWriter;
import org.apache.storm.tuple.Tuple;

import java.util.List;
import java.util.Map;

/** Redis: each patient's latest vitals, score, band and times, one pipeline per batch. */
public final class LatestStateBolt extends BatchingBolt<ScoredObservation> {

    private static final long serialVersionUID = 1L;

    private transient LatestStateWriter writer;

    /** Dashboards read this, so batches stay small and short-lived. */
    public LatestStateBolt() {
        super(256, 50);
    }

    @Override
    protected void open(Map<String, Object> conf) {
        writer = new LatestStateWriter(WorkerResources.redis(VitalStormSettings.fromMap(conf)));
    }

    @Override
    protected ScoredObservation item(Tuple tuple) {
        return ((Assessment) tuple.getValueByField(TupleFields.ASSESSMENT)).scored();
    }

    @Override
    protected void write(List<ScoredObservation> batch) {
        writer.write(batch);
    }
}

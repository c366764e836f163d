package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.redis.LatestStateWriter;
import org.apache.storm.task.TopologyContext;

import java.util.List;

/** Redis: each patient's latest vitals, score, band and times, one pipeline per batch. */
public final class LatestStateBolt extends ReadingSink {

    private static final long serialVersionUID = 1L;

    private final ClientFactory<LatestStateWriter> writerFactory;
    private transient LatestStateWriter writer;

    /** Dashboards read this, so batches stay small and short-lived. */
    public LatestStateBolt() {
        this(WorkerResources::latestState);
    }

    LatestStateBolt(ClientFactory<LatestStateWriter> writerFactory) {
        super(256, 50);
        this.writerFactory = writerFactory;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        writer = writerFactory.create(settings);
    }

    @Override
    protected void write(List<ScoredObservation> batch) {
        writer.write(batch);
    }
}

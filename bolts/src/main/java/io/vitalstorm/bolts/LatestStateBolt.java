package io.vitalstorm.bolts;

import io.vitalstorm.core.config.Setting;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.redis.LatestStateWriter;
import org.apache.storm.task.TopologyContext;

import java.util.List;
import java.util.Map;

/**
 * Redis: each patient's latest vitals, score, band and times, one pipeline per batch, coalesced per patient
 * ({@link LatestStateWriter}). Dashboards read this, so a batch is written as soon as the executor has no more input
 * ready, when it holds {@value #MAX_BATCH} readings, or at the latest when its oldest reading has waited
 * {@code vitalstorm.latest-state.max.delay.ms} (under a steady stream that never leaves the executor idle).
 */
public final class LatestStateBolt extends ReadingSink {

    private static final long serialVersionUID = 1L;

    static final int MAX_BATCH = 256;

    public static final Setting.Whole MAX_DELAY_MS = new Setting.Whole("vitalstorm.latest-state.max.delay.ms", 10,
            0, 1_000, "The longest a reading waits for its latest-state batch (Redis pipeline of up to 256) to fill "
                    + "while more input keeps arriving; a batch is written at once when the executor has no more input "
                    + "ready, so this bounds the wait only under a steady stream.");

    private final ClientFactory<LatestStateWriter> writerFactory;
    private transient LatestStateWriter writer;

    public LatestStateBolt() {
        this(WorkerResources::latestState);
    }

    LatestStateBolt(ClientFactory<LatestStateWriter> writerFactory) {
        super(MAX_BATCH, MAX_DELAY_MS.defaultValue());
        this.writerFactory = writerFactory;
    }

    @Override
    protected long maxDelayMillis(Map<String, Object> conf) {
        return MAX_DELAY_MS.read(conf);
    }

    @Override
    protected boolean flushWhenIdle() {
        return true;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        writer = writerFactory.create(settings);
        context.registerGauge("vitalstorm.latestState.scriptWrites", writer::checkedWrites);
        context.registerGauge("vitalstorm.latestState.plainWrites", writer::plainWrites);
        context.registerGauge("vitalstorm.latestState.patientsRemembered", writer::rememberedPatients);
    }

    @Override
    protected void write(List<ScoredObservation> batch) {
        writer.write(batch);
    }
}

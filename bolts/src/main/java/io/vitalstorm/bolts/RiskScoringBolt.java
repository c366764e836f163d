package io.vitalstorm.bolts;

import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.storage.redis.RedisRiskStateStore;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Runs the per-patient risk engine (freshness, event-time windows, sustained conditions, trend)
 * for the patients routed here, with the thresholds in force for each (patient, ward or global
 * document, watched in ZooKeeper). The assessment goes downstream at once; the input is acked
 * only after the patient's state is checkpointed to Redis, so a restarted worker resumes every
 * patient from a state that covers all committed readings.
 */
public final class RiskScoringBolt extends BatchingBolt<String> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RiskScoringBolt.class);

    private transient LiveThresholds thresholds;
    private transient RiskAssessor assessor;
    private transient long reportedUnreadable;

    /** Checkpoints are one Redis pipeline per batch; readings wait at most 200 ms for their ack (not for their alert). */
    public RiskScoringBolt() {
        super(1_000, 200);
    }

    @Override
    protected void open(Map<String, Object> conf) {
        VitalStormSettings s = VitalStormSettings.fromMap(conf);
        thresholds = WorkerResources.thresholds(s);
        assessor = new RiskAssessor(new RedisRiskStateStore(WorkerResources.redis(s)));
    }

    @Override
    protected String item(Tuple input) {
        EnrichedObservation e = (EnrichedObservation) input.getValueByField(TupleFields.ENRICHED);
        Assessment a;
        try {
            a = assessor.assess(e, thresholds.forPatient(e.patientId(), e.profile().ward()));
        } catch (RuntimeException stateStoreDown) {
            // restoring a patient reads Redis: fail (Kafka replays it) rather than let the exception kill the worker
            LOG.warn("risk assessment of {} failed, the reading will be replayed: {}", e.patientId(), stateStoreDown.toString());
            collector().reportError(stateStoreDown);
            collector().fail(input);
            return null;
        }
        collector().emit(input, new Values(e.patientId(), a));
        return e.patientId();
    }

    @Override
    protected void write(List<String> patients) {
        assessor.checkpoint();
    }

    @Override
    protected void onTick() {
        if (assessor.unreadable() > reportedUnreadable) {
            LOG.warn("{} risk checkpoints could not be read; those patients started afresh", assessor.unreadable());
            reportedUnreadable = assessor.unreadable();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ASSESSMENT));
    }
}

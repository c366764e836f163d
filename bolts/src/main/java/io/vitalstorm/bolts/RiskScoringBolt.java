package io.vitalstorm.bolts;

import com.codahale.metrics.Counter;
import io.vitalstorm.bolts.serde.ScoredReadingCodec;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Runs the per-patient risk engine (freshness, event-time windows, sustained conditions, trend)
 * for the patients routed here, with the thresholds in force for each (patient, ward or global
 * document, watched in ZooKeeper). The assessment goes downstream at once; the input is acked
 * only after the patient's state is checkpointed to Redis, so a restarted worker resumes every
 * patient from a state that covers all committed readings. Each scored reading also goes to the
 * history topic, from which the history is written apart from the alert path. Patients silent for
 * {@code vitalstorm.state.evict.after.minutes} leave the task's memory. A patient first seen
 * without a usable checkpoint (Redis restarted empty) is rebuilt from the Cassandra history.
 */
public final class RiskScoringBolt extends BatchingBolt<String> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RiskScoringBolt.class);

    private final ClientFactory<LiveThresholds> thresholdsFactory;
    private final ClientFactory<RiskStateStore> stateFactory;
    private final ClientFactory<ReadingHistory> historyFactory;
    private transient LiveThresholds thresholds;
    private transient String historyTopic;
    private transient RiskAssessor assessor;
    private transient long reportedUnreadable;
    private transient long reportedRebuildFailures;
    private transient Counter lateReadings;
    private transient Counter duplicateReadings;
    private transient Counter evictions;

    /**
     * Checkpoints are one Redis pipeline per batch; readings wait at most 200 ms for their ack (not for their alert).
     */
    public RiskScoringBolt() {
        this(WorkerResources::thresholds, WorkerResources::riskStates, WorkerResources::readingHistory);
    }

    /** Without a durable record: a patient without checkpoint starts afresh. */
    RiskScoringBolt(ClientFactory<LiveThresholds> thresholdsFactory, ClientFactory<RiskStateStore> stateFactory) {
        this(thresholdsFactory, stateFactory, s -> ReadingHistory.none());
    }

    RiskScoringBolt(ClientFactory<LiveThresholds> thresholdsFactory, ClientFactory<RiskStateStore> stateFactory,
                    ClientFactory<ReadingHistory> historyFactory) {
        super(1_000, 200);
        this.thresholdsFactory = thresholdsFactory;
        this.stateFactory = stateFactory;
        this.historyFactory = historyFactory;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        thresholds = thresholdsFactory.create(settings);
        historyTopic = settings.historyTopic();
        assessor = new RiskAssessor(stateFactory.create(settings), historyFactory.create(settings),
                System::currentTimeMillis);
        BoltMetrics m = support().metrics();
        m.counter(BoltMetrics.STATE_REBUILT);
        m.counter(BoltMetrics.STATE_REBUILD_FAILURES);
        lateReadings = m.counter("vitalstorm.lateReadings");
        duplicateReadings = m.counter("vitalstorm.duplicateReadings");
        evictions = m.counter("vitalstorm.evictions");
        context.registerGauge("vitalstorm.patientsInMemory", assessor::patients);
        context.registerGauge("vitalstorm.checkpointsRestored", assessor::restored);
        context.registerGauge("vitalstorm.checkpointsUnreadable", assessor::unreadable);
        // invalid documents, and documents or removals refused for an ACL that lets others than the operator write
        context.registerGauge("vitalstorm.thresholdsRejected", thresholds::rejectedUpdates);
        context.registerGauge("vitalstorm.thresholdsUntrustedAcl", thresholds::untrustedUpdates);
    }

    @Override
    protected String item(Tuple input) {
        EnrichedObservation e = enriched(input);
        Assessment a;
        try {
            a = assessor.assess(e, thresholds.forPatient(e.patientId(), e.profile().ward()));
        } catch (RuntimeException failure) {
            // restoring a patient reads Redis: an outage replays the reading, a defect dead-letters it
            collector().reportError(failure);
            failOrGiveUp(input, failure);
            return null;
        }
        if (a.late()) {
            lateReadings.inc();
        }
        if (a.duplicate()) {
            duplicateReadings.inc();
        }
        support().metrics().total(BoltMetrics.STATE_REBUILT, assessor.rebuilt());
        support().metrics().total(BoltMetrics.STATE_REBUILD_FAILURES, assessor.rebuildFailures());
        collector().emit(input, new Values(e.patientId(), a));
        // to the history topic (through kafka-out), acked once Kafka has it: history is written from there
        collector().emit(TupleFields.HISTORY_STREAM, input,
                new Values(historyTopic, e.patientId(), ScoredReadingCodec.encode(a.scored())));
        return e.patientId();
    }

    @Override
    protected void write(List<String> patients) {
        assessor.checkpoint();
    }

    @Override
    protected String recordKey(Tuple tuple) {
        return BoltSupport.readingKey(enriched(tuple).observation());
    }

    @Override
    protected Values deadLetter(Tuple tuple, Rejection rejection) {
        return support().deadLetters().ofReading(enriched(tuple).observation(), rejection);
    }

    @Override
    protected void onTick() {
        evictions.inc(assessor.evictSilent(System.currentTimeMillis(), support().reliability().evictAfterMillis()));
        if (assessor.unreadable() > reportedUnreadable) {
            LOG.warn("{} risk checkpoints could not be read; those patients started afresh", assessor.unreadable());
            reportedUnreadable = assessor.unreadable();
        }
        if (assessor.rebuildFailures() > reportedRebuildFailures) {
            LOG.warn("{} risk states could not be rebuilt from the Cassandra history; those patients started afresh",
                    assessor.rebuildFailures());
            reportedRebuildFailures = assessor.rebuildFailures();
        }
    }

    /** Patients in this task's memory (for tests of eviction). */
    int patientsInMemory() {
        return assessor.patients();
    }

    private static EnrichedObservation enriched(Tuple tuple) {
        return (EnrichedObservation) tuple.getValueByField(TupleFields.ENRICHED);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        super.declareOutputFields(declarer);
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ASSESSMENT));
        declarer.declareStream(TupleFields.HISTORY_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}

package io.vitalstorm.bolts;

import com.codahale.metrics.Counter;
import io.vitalstorm.bolts.serde.ScoredReadingCodec;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.Setting;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.ProfileEnricher;
import io.vitalstorm.storage.ScoreStep;
import io.vitalstorm.storage.TaskProfileCache;
import io.vitalstorm.storage.redis.LatestStateWriter;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.topology.OutputFieldsDeclarer;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A raw vitals record in, its readings assessed out: parse, enrich and score chained by method
 * calls in one patient-grouped task (the spout groups by the record key, which must be the
 * patient id), so a reading costs one tuple edge up to the assessment instead of three.
 * <ol>
 *   <li><b>Parse</b> (native JSON or FHIR): every observation whose patient is not the record's key
 *       is refused ({@link RecordKeys}); a record without key has only refused readings. The refused
 *       parts of a record go to the dead-letter topic as one letter naming each of them, with the
 *       record's coordinates; the good readings of a Bundle go on. A parser that throws is a defect:
 *       the record becomes an {@code INTERNAL_ERROR} dead letter. A record with nothing valid is
 *       acked at once — a bad record never makes the spout replay it or stop the partition.</li>
 *   <li><b>Enrich</b> with the patient's registry profile through the task's {@link TaskProfileCache}
 *       (a registry change reaches the stream within {@link TaskProfileCache#CHECK_MILLIS}); an
 *       unknown patient is scored on SpO2 scale 1, flagged {@code knownPatient=false}, never dropped.
 *       A registry outage fails the record for a replay ({@link FailurePolicy}), so an outage never
 *       turns a known patient into an unknown one.</li>
 *   <li><b>Score</b> with the per-patient risk engine (freshness, event-time windows, sustained
 *       conditions, trend) and the thresholds in force for the patient (patient, ward or global
 *       document, watched in ZooKeeper). Each assessment goes downstream (to the alert bolt) at once,
 *       each scored reading to the history topic. Patients silent for
 *       {@code vitalstorm.state.evict.after.minutes} leave the task's memory; a patient first seen
 *       without a usable checkpoint (Redis restarted empty) is rebuilt from the Cassandra history.</li>
 *   <li><b>Write the batch</b>: the risk checkpoint of every patient that changed (each once, one
 *       Redis pipeline), then each patient's latest state for the dashboards ({@link LatestStateWriter},
 *       coalesced per patient, version-checked). A record is acked only after both are durable, so a
 *       restarted worker resumes every patient from a state that covers all committed readings. The
 *       batch is written as soon as the executor has no more input ready
 *       ({@link FlushOnIdleWaitStrategy}), when it holds {@value #MAX_BATCH} records, or at the
 *       latest when its oldest record has waited {@code vitalstorm.latest-state.max.delay.ms}; a
 *       failed write fails its records for a replay (bounded) or dead-letters them.</li>
 * </ol>
 */
public final class ReadingPipelineBolt extends BatchingBolt<List<ScoredObservation>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReadingPipelineBolt.class);

    static final int MAX_BATCH = 1_000;

    public static final Setting.Whole MAX_DELAY_MS = new Setting.Whole("vitalstorm.latest-state.max.delay.ms", 10,
            0, 1_000, "The longest a record waits for its batch (risk checkpoints and latest state, one Redis pipeline "
                    + "each, up to 1,000 records) to fill while more input keeps arriving; a batch is written at once "
                    + "when the executor has no more input ready, so this bounds the wait only under a steady stream.");

    private final ClientFactory<PatientDirectory> directoryFactory;
    private final ClientFactory<LiveThresholds> thresholdsFactory;
    private final ClientFactory<RiskStateStore> stateFactory;
    private final ClientFactory<ReadingHistory> historyFactory;
    private final ClientFactory<LatestStateWriter> latestStateFactory;
    /** Parse, enrich (the task's profile cache before Redis, then Cassandra) and score: the storage module's step. */
    private transient ScoreStep step;
    /** The thresholds in force (watched in ZooKeeper), the per-patient risk engine and where scored readings go. */
    private transient LiveThresholds thresholds;
    private transient RiskAssessor assessor;
    private transient String historyTopic;
    /** The batch's second write: each patient's latest picture for the dashboards. */
    private transient LatestStateWriter latestState;
    private transient long reportedUnreadable;
    private transient long reportedRebuildFailures;
    private transient Counter lateReadings;
    private transient Counter duplicateReadings;
    private transient Counter evictions;

    public ReadingPipelineBolt() {
        this(WorkerResources::directory, WorkerResources::thresholds, WorkerResources::riskStates,
                WorkerResources::latestState, WorkerResources::readingHistory);
    }

    /** Without a durable record: a patient without checkpoint starts afresh. */
    ReadingPipelineBolt(ClientFactory<PatientDirectory> directoryFactory,
                        ClientFactory<LiveThresholds> thresholdsFactory, ClientFactory<RiskStateStore> stateFactory,
                        ClientFactory<LatestStateWriter> latestStateFactory) {
        this(directoryFactory, thresholdsFactory, stateFactory, latestStateFactory, s -> ReadingHistory.none());
    }

    ReadingPipelineBolt(ClientFactory<PatientDirectory> directoryFactory,
                        ClientFactory<LiveThresholds> thresholdsFactory, ClientFactory<RiskStateStore> stateFactory,
                        ClientFactory<LatestStateWriter> latestStateFactory,
                        ClientFactory<ReadingHistory> historyFactory) {
        super(MAX_BATCH, MAX_DELAY_MS.defaultValue());
        this.directoryFactory = directoryFactory;
        this.thresholdsFactory = thresholdsFactory;
        this.stateFactory = stateFactory;
        this.latestStateFactory = latestStateFactory;
        this.historyFactory = historyFactory;
    }

    @Override
    protected long maxDelayMillis(Map<String, Object> conf) {
        return MAX_DELAY_MS.read(conf);
    }

    /** Dashboards read the latest state: no fixed wait for it at low load. */
    @Override
    protected boolean flushWhenIdle() {
        return true;
    }

    @Override
    protected void open(VitalStormSettings settings, TopologyContext context) {
        thresholds = thresholdsFactory.create(settings);
        step = new ScoreStep(directoryFactory.create(settings), thresholds::forPatient, stateFactory.create(settings),
                historyFactory.create(settings));
        historyTopic = settings.historyTopic();
        assessor = step.assessor();
        latestState = latestStateFactory.create(settings);
        context.registerGauge("vitalstorm.latestState.scriptWrites", latestState::checkedWrites);
        context.registerGauge("vitalstorm.latestState.plainWrites", latestState::plainWrites);
        context.registerGauge("vitalstorm.latestState.patientsRemembered", latestState::rememberedPatients);
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
    protected List<ScoredObservation> item(Tuple input) {
        ParseResult parsed = parse(input);
        List<Observation> readings = parsed.observations();
        if (readings.isEmpty()) {
            deadLetterRefusedParts(input, parsed);
            collector().ack(input);
            return null;
        }
        // every reading left is the keyed patient's: one profile look-up for the record
        String patientId = readings.get(0).patientId();
        Optional<PatientProfile> profile;
        try {
            profile = step.profile(patientId);
        } catch (RuntimeException registryDown) {
            failOrGiveUp(input, registryDown);
            return null;
        }
        List<ScoredObservation> scored = new ArrayList<>(readings.size());
        for (Observation o : readings) {
            Assessment a = score(input, ProfileEnricher.enriched(o, profile));
            if (a == null) {
                return null;
            }
            scored.add(a.scored());
        }
        deadLetterRefusedParts(input, parsed);
        return scored;
    }

    /** One dead letter per input record, naming every refused part (a Bundle may be partly valid); none if none. */
    private void deadLetterRefusedParts(Tuple input, ParseResult parsed) {
        if (!parsed.rejections().isEmpty()) {
            collector().emit(TupleFields.OUTBOUND_STREAM, input,
                    support().deadLetters().ofRecord(input, ParseResult.combine(parsed.rejections())));
        }
    }

    /** The record's readings of its keyed patient, and what was refused. */
    private ParseResult parse(Tuple input) {
        return step.parse(input.getStringByField(VitalsRecordTranslator.KEY),
                input.getBinaryByField(VitalsRecordTranslator.VALUE));
    }

    /** Assesses one reading and emits it; null if the record was failed or given up on instead. */
    private Assessment score(Tuple input, EnrichedObservation e) {
        Assessment a;
        try {
            a = step.assess(e);
        } catch (RuntimeException failure) {
            // restoring a patient reads Redis: an outage replays the record, a defect dead-letters it
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
        return a;
    }

    /** The checkpoint first (what a restart resumes from), then the latest state of the batch's readings. */
    @Override
    protected void write(List<List<ScoredObservation>> batch) {
        List<ScoredObservation> readings = new ArrayList<>(batch.size());
        batch.forEach(readings::addAll);
        step.writeBatch(latestState, readings);
    }

    /** The record's coordinates: a replay of it comes back to this task with the same ones. */
    @Override
    protected String recordKey(Tuple tuple) {
        return BoltSupport.recordKey(tuple);
    }

    /** The raw record with its coordinates, re-drivable as it came. */
    @Override
    protected Values deadLetter(Tuple tuple, Rejection rejection) {
        return support().deadLetters().ofRecord(tuple, rejection);
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

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        super.declareOutputFields(declarer);
        declarer.declare(new Fields(TupleFields.PATIENT_ID, TupleFields.ASSESSMENT));
        declarer.declareStream(TupleFields.HISTORY_STREAM, TupleFields.OUTBOUND_FIELDS);
    }
}

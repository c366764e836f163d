package io.vitalstorm.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.parse.RecordKeys;
import io.vitalstorm.core.parse.Rejection;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.cassandra.CassandraReadingHistory;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.RedisRiskStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parse, enrich and score of one task without Storm: what ReadingPipelineBolt runs per record, and the bench's
 * limit loop and Flink peer with it, so the three do the same work through this one class.
 * <ul>
 *   <li>parse (native JSON or FHIR), keeping only the readings of the patient the record is keyed to
 *       ({@link RecordKeys}); a parser that throws is a defect, the record an {@code INTERNAL_ERROR};</li>
 *   <li>the patient's profile through the task's {@link TaskProfileCache} (the registry-change check included);</li>
 *   <li>the risk engine with the thresholds in force; a patient first seen without a usable checkpoint is
 *       rebuilt from the durable history ({@link RiskAssessor}, {@link #rebuildingFrom});</li>
 *   <li>a batch's writes ({@link #writeBatch}): the risk checkpoint first, then the batch's latest state.</li>
 * </ul>
 * Not thread-safe: one per task.
 */
public final class ScoreStep {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreStep.class);

    private final ObservationParser parser = new ObservationParser();
    /** Patient id → profile: the task's {@link TaskProfileCache} in the pipeline. */
    private final Function<String, Optional<PatientProfile>> profiles;
    /** (patient id, ward) → thresholds in force: {@code LiveThresholds::forPatient}. */
    private final BiFunction<String, String, Thresholds> thresholds;
    private final RiskAssessor assessor;

    /** What a pipeline task runs: the task's {@link TaskProfileCache} before {@code directory}. */
    public ScoreStep(PatientDirectory directory, BiFunction<String, String, Thresholds> thresholds,
                     RiskStateStore states, ReadingHistory history) {
        this(ProfileEnricher.newTaskCache(directory)::find, thresholds, states, history);
    }

    /** @param profiles patient id → profile, empty if unknown (an in-memory one for footprint measurements) */
    public ScoreStep(Function<String, Optional<PatientProfile>> profiles,
                     BiFunction<String, String, Thresholds> thresholds, RiskStateStore states, ReadingHistory history) {
        this.profiles = profiles;
        this.thresholds = thresholds;
        this.assessor = new RiskAssessor(states, history, System::currentTimeMillis);
    }

    /**
     * The stores the topology's {@code score} bolt has: risk checkpoints in Redis and, for a patient without one,
     * the rebuild from the Cassandra history blocks ({@link CassandraReadingHistory}).
     */
    public static ScoreStep rebuildingFrom(PatientDirectory directory,
                                           BiFunction<String, String, Thresholds> thresholds, JedisPooled redis,
                                           Supplier<CqlSession> cassandra, String keyspace) {
        return new ScoreStep(directory, thresholds, new RedisRiskStateStore(redis),
                new CassandraReadingHistory(cassandra, keyspace));
    }

    /** The record's readings of its keyed patient, and what was refused. */
    public ParseResult parse(String key, byte[] value) {
        try {
            return RecordKeys.keyedTo(key, parser.parse(value));
        } catch (RuntimeException bug) {
            LOG.error("parser failed on a record keyed {}", key, bug);
            return new ParseResult.Invalid(new Rejection(Rejection.Code.INTERNAL_ERROR, "parser failed: " + bug));
        }
    }

    /** The patient's registry profile, empty for an unknown patient; a registry outage throws. */
    public Optional<PatientProfile> profile(String patientId) {
        return profiles.apply(patientId);
    }

    /** One reading scored with the thresholds in force for its patient (restoring or rebuilding a first-seen one). */
    public Assessment assess(EnrichedObservation e) {
        return assessor.assess(e, thresholds.apply(e.patientId(), e.profile().ward()));
    }

    /** Every reading of one parsed record (all of its keyed patient), with one profile look-up, in order. */
    public List<Assessment> assessAll(List<Observation> readings) {
        List<Assessment> out = new ArrayList<>(readings.size());
        if (readings.isEmpty()) {
            return out;
        }
        Optional<PatientProfile> profile = profile(readings.get(0).patientId());
        for (Observation o : readings) {
            out.add(assess(ProfileEnricher.enriched(o, profile)));
        }
        return out;
    }

    /**
     * A batch's writes, in the order a restart needs: the risk checkpoint of every patient that changed (what a
     * restart resumes from), then the latest state of the batch's scored readings for the dashboards (one pipeline,
     * coalesced per patient). The batch's input is acked or committed only after this returns.
     */
    public void writeBatch(LatestStateWriter latestState, List<ScoredObservation> readings) {
        assessor.checkpoint();
        latestState.write(readings);
    }

    /** The risk engine: checkpoint, eviction and its counters. */
    public RiskAssessor assessor() {
        return assessor;
    }
}

package io.vitalstorm.bench.flink;

import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.engine.ClinicalEngine;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.DeadLetter;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.ProfileEnricher;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import io.vitalstorm.storage.redis.RedisRiskStateStore;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.HashMap;

/**
 * Parse, enrich and score in one keyed operator, with the pipeline's own classes: the core
 * {@link ObservationParser}, the enrich task's {@link ProfileEnricher} (its cache in front of
 * Redis and the Cassandra registry) and the core {@link ClinicalEngine} (risk engine, alert
 * lifecycle, silence check) with the risk state and alert episodes in Redis, as the topology
 * keeps them. The scored reading is the main output (latest state, history); alert transitions
 * go to {@link #ALERTS} (alert store) and every outbound Kafka message (alerts for the clinician
 * and patient topics, dead letters) to {@link #OUTBOUND}. Risk state is checkpointed to Redis
 * every {@value #CHECKPOINT_EVERY} readings (ReadingPipelineBolt's batch), at every Flink checkpoint
 * and at the end.
 */
final class ScoreFunction extends KeyedProcessFunction<String, VitalsRecord, ScoredObservation>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    static final OutputTag<AlertEvent> ALERTS = new OutputTag<>("alerts", TypeInformation.of(AlertEvent.class));
    static final OutputTag<OutboundMessage> OUTBOUND = new OutputTag<>("outbound",
            TypeInformation.of(OutboundMessage.class));
    static final int CHECKPOINT_EVERY = 1_000;

    static final String RECORDS = "records";
    static final String OBSERVATIONS = "observations";
    static final String ALERT_COUNT = "alerts";
    static final String DEAD_LETTERS = "deadLetters";
    /** Wall-clock milliseconds and this JVM's CPU nanoseconds when the first record reached a subtask. */
    static final String FIRST_RECORD_MILLIS = "firstRecordMillis";
    static final String FIRST_RECORD_CPU_NANOS = "firstRecordCpuNanos";

    private final HashMap<String, String> conf;
    private transient FlinkClients clients;
    private transient ObservationParser parser;
    private transient ProfileEnricher enricher;
    private transient RiskAssessor risk;
    private transient ClinicalEngine engine;
    private transient LongCounter records;
    private transient LongCounter observations;
    private transient LongCounter alerts;
    private transient LongCounter deadLetters;
    private transient LongMinimum firstMillis;
    private transient LongMinimum firstCpu;
    private transient boolean seenFirst;
    private transient int sinceCheckpoint;

    ScoreFunction(HashMap<String, String> conf) {
        this.conf = conf;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        clients = FlinkClients.of(conf);
        parser = new ObservationParser();
        PatientDirectory directory = clients.directory();
        enricher = ProfileEnricher.forTask(directory);
        risk = new RiskAssessor(new RedisRiskStateStore(clients.redis()));
        LiveThresholds thresholds = clients.thresholds();
        engine = new ClinicalEngine(risk, new AlertEngine(new RedisEpisodeStore(clients.redis())),
                thresholds::forPatient,
                (patientId, ts) -> AlertContexts.withoutVitals(patientId, directory.find(patientId), ts));
        records = counter(RECORDS);
        observations = counter(OBSERVATIONS);
        alerts = counter(ALERT_COUNT);
        deadLetters = counter(DEAD_LETTERS);
        firstMillis = new LongMinimum();
        firstCpu = new LongMinimum();
        getRuntimeContext().addAccumulator(FIRST_RECORD_MILLIS, firstMillis);
        getRuntimeContext().addAccumulator(FIRST_RECORD_CPU_NANOS, firstCpu);
    }

    private LongCounter counter(String name) {
        LongCounter c = new LongCounter();
        getRuntimeContext().addAccumulator(name, c);
        return c;
    }

    @Override
    public void processElement(VitalsRecord r, Context ctx, Collector<ScoredObservation> out) {
        if (!seenFirst) {
            seenFirst = true;
            firstMillis.add(System.currentTimeMillis());
            firstCpu.add(ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos());
        }
        records.add(1L);
        ParseResult parsed = parser.parse(r.value());
        for (Observation o : parsed.observations()) {
            EnrichedObservation e = enricher.enrich(o);
            ClinicalEngine.Outcome outcome = engine.onReading(e,
                    clients.thresholds().forPatient(e.patientId(), e.profile().ward()));
            out.collect(outcome.assessment().scored());
            observations.add(1L);
            for (AlertEvent event : outcome.events()) {
                ctx.output(ALERTS, event);
                ctx.output(OUTBOUND, new OutboundMessage(clients.settings().clinicianAlertsTopic(), event.patientId(),
                        Json.bytes(AlertMessages.clinician(event))));
                AlertMessages.patient(event).ifPresent(message -> ctx.output(OUTBOUND, new OutboundMessage(
                        clients.settings().patientAlertsTopic(), event.patientId(), Json.bytes(message))));
                alerts.add(1L);
            }
            if (++sinceCheckpoint >= CHECKPOINT_EVERY) {
                checkpointRisk();
            }
        }
        if (!parsed.rejections().isEmpty()) {
            DeadLetter letter = new DeadLetter(ParseResult.combine(parsed.rejections()), r.topic(), r.partition(),
                    r.offset(), r.key(), r.value(), System.currentTimeMillis());
            ctx.output(OUTBOUND, new OutboundMessage(clients.settings().deadLetterTopic(), r.key(), letter.toJson()));
            deadLetters.add(1L);
        }
    }

    private void checkpointRisk() {
        risk.checkpoint();
        sinceCheckpoint = 0;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        checkpointRisk();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // the engine's state lives in Redis (as the topology's); Flink's checkpoints carry the source offsets
    }

    @Override
    public void close() {
        if (risk != null) {
            checkpointRisk();
        }
    }
}

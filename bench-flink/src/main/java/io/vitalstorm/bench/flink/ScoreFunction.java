package io.vitalstorm.bench.flink;

import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertMessages;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.parse.DeadLetter;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.storage.AlertStep;
import io.vitalstorm.storage.ScoreStep;
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
 * Parse, enrich, score and the alert lifecycle in one keyed operator, through the classes the topology's
 * {@code score} and {@code alert} bolts run: {@link ScoreStep} (parse keyed to the record's patient, the task's
 * profile cache with its registry-change check before Redis and the Cassandra registry, the risk engine) and
 * {@link AlertStep} (alert lifecycle on the wall clock), the risk state and alert episodes in Redis, a first-seen
 * patient without them rebuilt from the Cassandra history and alert transitions, as the topology does. The scored
 * reading is the main output (latest state, history); alert transitions
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
    private transient ScoreStep score;
    private transient AlertStep alertStep;
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
        String keyspace = clients.settings().cassandraKeyspace();
        score = ScoreStep.rebuildingFrom(clients.directory(), clients.thresholds()::forPatient, clients.redis(),
                clients::cassandra, keyspace);
        alertStep = AlertStep.rebuildingFrom(clients.thresholds()::forPatient, clients.redis(), clients::cassandra,
                keyspace);
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
        ParseResult parsed = score.parse(r.key(), r.value());
        for (Assessment a : score.assessAll(parsed.observations())) {
            out.collect(a.scored());
            observations.add(1L);
            for (AlertEvent event : alertStep.onAssessment(a, System.currentTimeMillis())) {
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
        score.assessor().checkpoint();
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
        if (score != null) {
            checkpointRisk();
        }
    }
}

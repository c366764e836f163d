package io.vitalstorm.bench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.bolts.serde.DomainSerializers;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Score;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.parse.ParseResult;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.window.PatientWindow;
import io.vitalstorm.core.window.WindowSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-observation cost of each step of the clinical engine and of the tuple codec, single
 * thread. Run with {@code -prof gc} for bytes allocated per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EngineBenchmarks {

    private static final int PATIENTS = 10_000;

    private final ObservationParser parser = new ObservationParser();
    private final News2Scorer scorer = new News2Scorer(ScoringTables.RCP_2017);
    private final DomainSerializers.ScoredSerializer codec = new DomainSerializers.ScoredSerializer();
    private final Kryo kryo = new Kryo();
    private final Output output = new Output(512, -1);
    private AlertEngine alerts;
    private Assessment[] ward;
    private int next;
    private PatientWindow window;
    private Observation[] secondBySecond;
    private long windowTs;
    private int windowNext;

    @Setup
    public void setUp() {
        alerts = new AlertEngine();
        RiskAssessor risk = new RiskAssessor(RiskStateStore.none());
        ward = new Assessment[PATIENTS];
        for (int i = 0; i < PATIENTS; i++) {
            Observation o = new Observation("P" + i, null, SampleData.TS, 80.0 + i % 40, 16.0, 97.0 - i % 5, null,
                    null, null, null);
            ward[i] = risk.assess(new EnrichedObservation(o, SampleData.PROFILE, true), Thresholds.DEFAULTS);
        }
        window = new PatientWindow(WindowSettings.DEFAULTS);
        secondBySecond = new Observation[64];
        for (int i = 0; i < secondBySecond.length; i++) {
            secondBySecond[i] = new Observation("P1", "band-1", 0, 70.0 + i % 9, null, 96.0 + i % 3, null, null,
                    null, null);
        }
        windowTs = SampleData.TS;
    }

    @Benchmark
    public ParseResult parseWristBand() {
        return parser.parse(SampleData.WRIST_BAND_JSON);
    }

    @Benchmark
    public ParseResult parseFullSet() {
        return parser.parse(SampleData.FULL_SET_JSON);
    }

    @Benchmark
    public ParseResult parseFhirPanel() {
        return parser.parse(SampleData.FHIR_PANEL_JSON);
    }

    @Benchmark
    public News2Score scoreNews2() {
        return scorer.score(SampleData.FULL_SET, Spo2Scale.SCALE_1);
    }

    /** One assessed reading of one of 10k patients through the alert lifecycle (most produce no event). */
    @Benchmark
    public List<AlertEvent> evaluateAlertRules() {
        Assessment a = ward[next];
        next = (next + 1) % PATIENTS;
        return alerts.onAssessment(a, Thresholds.DEFAULTS, a.ts());
    }

    /**
     * One patient's 1 Hz readings into their event-time window: most land in the open bucket,
     * one in 30 closes a bucket (medians) and slides the window.
     */
    @Benchmark
    public PatientWindow.Result windowUpdate() {
        Observation template = secondBySecond[windowNext++ & 63];
        windowTs += 1_000;
        return window.add(new Observation(template.patientId(), template.deviceId(), windowTs, template.heartRate(),
                template.respiratoryRate(), template.spo2(), null, null, null, null));
    }

    /** What crossing between workers costs for the largest tuple payload. */
    @Benchmark
    public ScoredObservation kryoRoundTrip() {
        output.reset();
        codec.write(kryo, output, SampleData.SCORED);
        return codec.read(kryo, new Input(output.getBuffer(), 0, output.position()), ScoredObservation.class);
    }
}

package io.vitalstorm.bolts;

import com.codahale.metrics.Counter;
import io.vitalstorm.core.config.ReliabilitySettings;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.spouts.VitalsRecordTranslator;
import org.apache.storm.Constants;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Fields;
import org.apache.storm.tuple.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Tuples, contexts and readings for the bolts' unit tests: no server, no Storm cluster. */
final class BoltFixtures {

    static final int MAX_RETRIES = 2;
    static final long T0 = 1_709_280_000_000L;

    final Map<String, Counter> counters = new HashMap<>();

    private BoltFixtures() {
    }

    static BoltFixtures create() {
        return new BoltFixtures();
    }

    Map<String, Object> conf() {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.putAll(ReliabilitySettings.defaults());
        conf.put(ReliabilitySettings.MAX_RETRIES.key(), MAX_RETRIES);
        return conf;
    }

    TopologyContext context(String component) {
        TopologyContext c = mock(TopologyContext.class);
        when(c.getThisComponentId()).thenReturn(component);
        when(c.registerCounter(anyString()))
                .thenAnswer(i -> counters.computeIfAbsent(i.getArgument(0), k -> new Counter()));
        return c;
    }

    long count(String metric) {
        Counter c = counters.get(metric);
        return c == null ? 0 : c.getCount();
    }

    static Tuple record(String key, String value, long offset) {
        Tuple t = mock(Tuple.class);
        when(t.getStringByField(VitalsRecordTranslator.TOPIC)).thenReturn("vitalstorm.vitals");
        when(t.getIntegerByField(VitalsRecordTranslator.PARTITION)).thenReturn(0);
        when(t.getLongByField(VitalsRecordTranslator.OFFSET)).thenReturn(offset);
        when(t.getStringByField(VitalsRecordTranslator.KEY)).thenReturn(key);
        when(t.getBinaryByField(VitalsRecordTranslator.VALUE)).thenReturn(value.getBytes(StandardCharsets.UTF_8));
        when(t.getFields()).thenReturn(VitalsRecordTranslator.FIELDS);
        return t;
    }

    /** A record of a topic whose value is binary (the history topic: scored readings, alert transitions). */
    static Tuple binaryRecord(byte[] value, long offset) {
        Tuple t = record("P1", "", offset);
        when(t.getBinaryByField(VitalsRecordTranslator.VALUE)).thenReturn(value);
        return t;
    }

    static Tuple carrying(String field, Object value) {
        Tuple t = mock(Tuple.class);
        when(t.getValueByField(field)).thenReturn(value);
        when(t.getFields()).thenReturn(new Fields(TupleFields.PATIENT_ID, field));
        when(t.getSourceComponent()).thenReturn("upstream");
        when(t.getSourceStreamId()).thenReturn("default");
        return t;
    }

    /** The tick tuple Storm sends every second to a bolt that asks for it. */
    static Tuple tick() {
        Tuple t = mock(Tuple.class);
        when(t.getSourceComponent()).thenReturn(Constants.SYSTEM_COMPONENT_ID);
        when(t.getSourceStreamId()).thenReturn(Constants.SYSTEM_TICK_STREAM_ID);
        return t;
    }

    static Observation wristBand(String patient, long ts, double heartRate) {
        return new Observation(patient, "band-" + patient, ts, heartRate, 16.0, 97.0, null, null, null, null);
    }

    static Observation spotCheck(String patient, long ts, double systolic) {
        return new Observation(patient, "cuff-" + patient, ts, null, null, null, systolic, null, null, null);
    }

    static PatientProfile profile(String patient) {
        return new PatientProfile(patient, "Name " + patient, 70, "5A", "team-5A", "dr-5A", Spo2Scale.SCALE_1, null);
    }

    static EnrichedObservation enriched(Observation o) {
        return new EnrichedObservation(o, profile(o.patientId()), true);
    }

    /** Assessments of readings by the real engine, in order. */
    static List<Assessment> assessed(Observation... readings) {
        RiskAssessor assessor = new RiskAssessor(RiskStateStore.none());
        return java.util.Arrays.stream(readings).map(o -> assessor.assess(enriched(o), Thresholds.DEFAULTS)).toList();
    }
}

package io.vitalstorm.core.vitals;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.Parameter;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * One patient's most recent value of each NEWS2 parameter with when it was measured, in two
 * small arrays (~150 bytes per patient). Not thread-safe; lives with the patient's task.
 */
public final class LatestVitals {

    private static final Parameter[] PARAMETERS = Parameter.values();
    private static final long NEVER = Long.MIN_VALUE;

    /** Floats: every NEWS2 parameter fits well within float precision at the chart's resolution. */
    private final float[] value = new float[PARAMETERS.length];
    private final long[] measuredAt = new long[PARAMETERS.length];
    private long lastSeen = NEVER;

    public LatestVitals() {
        java.util.Arrays.fill(measuredAt, NEVER);
    }

    /** What was scored and which of it was carried forward from earlier readings. */
    public record Merged(Observation observation, Set<Parameter> carried) {
    }

    /**
     * Records what {@code o} measured (an older reading never overwrites a newer value) and
     * returns the observation to score: {@code o}'s own values plus earlier values still valid
     * at {@code o}'s event time.
     */
    public Merged merge(Observation o, Validity validity) {
        long t = o.ts();
        lastSeen = Math.max(lastSeen, t);
        record(Parameter.HEART_RATE, o.heartRate(), t);
        record(Parameter.RESPIRATORY_RATE, o.respiratoryRate(), t);
        record(Parameter.SPO2, o.spo2(), t);
        record(Parameter.SYSTOLIC_BP, o.systolicBp(), t);
        record(Parameter.TEMPERATURE, o.temperature(), t);
        record(Parameter.CONSCIOUSNESS, o.consciousness() == null ? null : (double) o.consciousness().ordinal(), t);
        record(Parameter.AIR_OR_OXYGEN, o.onOxygen() == null ? null : o.onOxygen() ? 1.0 : 0.0, t);

        EnumSet<Parameter> carried = EnumSet.noneOf(Parameter.class);
        Double hr = pick(Parameter.HEART_RATE, o.heartRate(), t, validity, carried);
        Double rr = pick(Parameter.RESPIRATORY_RATE, o.respiratoryRate(), t, validity, carried);
        Double spo2 = pick(Parameter.SPO2, o.spo2(), t, validity, carried);
        Double sbp = pick(Parameter.SYSTOLIC_BP, o.systolicBp(), t, validity, carried);
        Double temp = pick(Parameter.TEMPERATURE, o.temperature(), t, validity, carried);
        Double acvpu = pick(Parameter.CONSCIOUSNESS,
                o.consciousness() == null ? null : (double) o.consciousness().ordinal(), t, validity, carried);
        Double oxygen = pick(Parameter.AIR_OR_OXYGEN,
                o.onOxygen() == null ? null : o.onOxygen() ? 1.0 : 0.0, t, validity, carried);
        Observation merged = new Observation(o.patientId(), o.deviceId(), t, hr, rr, spo2, sbp, temp,
                acvpu == null ? null : Consciousness.values()[acvpu.intValue()],
                oxygen == null ? null : oxygen == 1.0);
        return new Merged(merged, carried);
    }

    /**
     * The stored values valid at event time {@code t} as an observation (no reading of its own):
     * what a window evaluation at the end of a bucket knows about the slow parameters.
     */
    public Observation validAt(String patientId, long t, Validity validity) {
        Double acvpu = stored(Parameter.CONSCIOUSNESS, t, validity);
        Double oxygen = stored(Parameter.AIR_OR_OXYGEN, t, validity);
        return new Observation(patientId, null, t, stored(Parameter.HEART_RATE, t, validity),
                stored(Parameter.RESPIRATORY_RATE, t, validity), stored(Parameter.SPO2, t, validity),
                stored(Parameter.SYSTOLIC_BP, t, validity), stored(Parameter.TEMPERATURE, t, validity),
                acvpu == null ? null : Consciousness.values()[acvpu.intValue()],
                oxygen == null ? null : oxygen == 1.0);
    }

    /** True when nothing has arrived for {@code gapMillis} before {@code now} (event time): a silent device. */
    public boolean silentAt(long now, long gapMillis) {
        return lastSeen != NEVER && now - lastSeen >= gapMillis;
    }

    public long lastSeen() {
        return lastSeen;
    }

    private void record(Parameter p, Double v, long t) {
        int i = p.ordinal();
        if (v != null && t >= measuredAt[i]) {
            value[i] = v.floatValue();
            measuredAt[i] = t;
        }
    }

    /** The reading's own value, else the stored one if it is valid at {@code t}. */
    private Double pick(Parameter p, Double own, long t, Validity validity, Set<Parameter> carried) {
        if (own != null) {
            return own;
        }
        Double v = stored(p, t, validity);
        if (v != null) {
            carried.add(p);
        }
        return v;
    }

    /** The stored value if it was measured no later than {@code t} and is still valid then. */
    private Double stored(Parameter p, long t, Validity validity) {
        int i = p.ordinal();
        long age = t - measuredAt[i];
        if (measuredAt[i] == NEVER || age < 0 || age > validity.millis(p)) {
            return null;
        }
        return Math.round(value[i] * 100.0) / 100.0; // back to the decimal that was measured
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(lastSeen);
        for (int i = 0; i < PARAMETERS.length; i++) {
            out.writeLong(measuredAt[i]);
            if (measuredAt[i] != NEVER) {
                out.writeFloat(value[i]);
            }
        }
    }

    public static LatestVitals readFrom(DataInput in) throws IOException {
        LatestVitals v = new LatestVitals();
        v.lastSeen = in.readLong();
        for (int i = 0; i < PARAMETERS.length; i++) {
            v.measuredAt[i] = in.readLong();
            if (v.measuredAt[i] != NEVER) {
                v.value[i] = in.readFloat();
            }
        }
        return v;
    }
}

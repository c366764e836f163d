package io.vitalstorm.core.vitals;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.state.VitalsState;

import java.util.EnumSet;
import java.util.Set;

/**
 * One patient's most recent value of each NEWS2 parameter with when it was measured, in one small
 * array (~210 bytes per patient). Not thread-safe; lives with the patient's task.
 *
 * <p>Freshness is source-aware. Continuous parameters (heart rate, respiratory rate, SpO2) are
 * sampled: every reading of them is a measurement. An intermittent parameter (blood pressure,
 * temperature, consciousness, air or oxygen) counts as newly measured only when its own
 * measurement time moves on and it is not a repeat: a bedside monitor sends the last cuff
 * pressure, temperature and ACVPU again in every one-second packet, and such a repeated value (the
 * same value from the same source within {@link #REPEAT_GAP_MILLIS} of when that source last sent
 * it) is carried with the time it was really measured, so it ages and expires as it should and is
 * no spot check. A nurse recording the same temperature at the next round has measured it again.
 */
public final class LatestVitals {

    private static final Parameter[] PARAMETERS = Parameter.values();
    private static final long NEVER = VitalsState.NEVER;
    private static final Set<Parameter> INTERMITTENT = EnumSet.of(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE,
            Parameter.CONSCIOUSNESS, Parameter.AIR_OR_OXYGEN);
    private static final int SLOT = 3;
    private static final int MEASURED_AT = 0;
    private static final int SENT_AT = 1;
    private static final int VALUE_SOURCE = 2;

    /**
     * Per parameter, three longs in one array (one object instead of four): when it was measured
     * ({@link #MEASURED_AT}), when its source last sent it, measured or repeated ({@link #SENT_AT}),
     * and the value with its source ({@link #VALUE_SOURCE}: the value as a float in the high 32
     * bits — every NEWS2 parameter fits well within float precision at the chart's resolution — and
     * the hash of the device that measured it, 0 for none, in the low 32, to tell a monitor's
     * repeat from another source's reading).
     */
    private final long[] slots = new long[PARAMETERS.length * SLOT];
    /**
     * A source that sends an unchanged value again within this gap is repeating it (monitors: every second; gateways:
     * every minute).
     */
    public static final long REPEAT_GAP_MILLIS = 2 * 60_000L;
    private long lastSeen = NEVER;

    public LatestVitals() {
        for (int i = 0; i < PARAMETERS.length; i++) {
            setMeasuredAt(i, NEVER);
        }
    }

    /**
     * What was scored, which of it was carried forward from earlier readings, and which
     * intermittent parameters this reading newly measured (empty for a monitor's repeats).
     */
    public record Merged(Observation observation, Set<Parameter> carried, Set<Parameter> measured) {
    }

    /**
     * Records what {@code o} measured (an older reading never overwrites a newer value, a repeat
     * keeps its original time) and returns the observation to score: {@code o}'s own new values
     * plus earlier values still valid at {@code o}'s event time.
     */
    public Merged merge(Observation o, Validity validity) {
        return merge(o, validity, true);
    }

    /** What {@link #merge} would score for {@code o}, recording nothing (a reading delivered again). */
    public Merged peek(Observation o, Validity validity) {
        return merge(o, validity, false);
    }

    private Merged merge(Observation o, Validity validity, boolean recording) {
        long t = o.ts();
        if (recording) {
            lastSeen = Math.max(lastSeen, t);
        }
        int from = java.util.Objects.hashCode(o.deviceId());
        EnumSet<Parameter> measured = EnumSet.noneOf(Parameter.class);
        Double[] own = new Double[PARAMETERS.length];
        own[Parameter.HEART_RATE.ordinal()] = o.heartRate();
        own[Parameter.RESPIRATORY_RATE.ordinal()] = o.respiratoryRate();
        own[Parameter.SPO2.ordinal()] = o.spo2();
        own[Parameter.SYSTOLIC_BP.ordinal()] = o.systolicBp();
        own[Parameter.TEMPERATURE.ordinal()] = o.temperature();
        own[Parameter.CONSCIOUSNESS.ordinal()] = o.consciousness() == null ? null
                : (double) o.consciousness().ordinal();
        own[Parameter.AIR_OR_OXYGEN.ordinal()] = o.onOxygen() == null ? null : o.onOxygen() ? 1.0 : 0.0;
        for (Parameter p : PARAMETERS) {
            Double v = own[p.ordinal()];
            if (v == null) {
                continue;
            }
            if (INTERMITTENT.contains(p) && isRepeat(p, v, t, from)) {
                if (recording) {
                    setSentAt(p.ordinal(), Math.max(sentAt(p.ordinal()), t));
                }
                own[p.ordinal()] = null; // carried from when it was measured, not re-measured now
                continue;
            }
            if (INTERMITTENT.contains(p) && (measuredAt(p.ordinal()) == NEVER || t > measuredAt(p.ordinal()))) {
                measured.add(p);
            }
            if (recording) {
                record(p, v, t, from);
            }
        }

        EnumSet<Parameter> carried = EnumSet.noneOf(Parameter.class);
        Double[] picked = new Double[PARAMETERS.length];
        for (Parameter p : PARAMETERS) {
            picked[p.ordinal()] = pick(p, own[p.ordinal()], t, validity, carried);
        }
        Double acvpu = picked[Parameter.CONSCIOUSNESS.ordinal()];
        Double oxygen = picked[Parameter.AIR_OR_OXYGEN.ordinal()];
        Observation merged = new Observation(o.patientId(), o.deviceId(), t, picked[Parameter.HEART_RATE.ordinal()],
                picked[Parameter.RESPIRATORY_RATE.ordinal()], picked[Parameter.SPO2.ordinal()],
                picked[Parameter.SYSTOLIC_BP.ordinal()], picked[Parameter.TEMPERATURE.ordinal()],
                acvpu == null ? null : Consciousness.values()[acvpu.intValue()],
                oxygen == null ? null : oxygen == 1.0);
        return new Merged(merged, carried, measured);
    }

    /** The same value again, later, from the source that sent it last within the repeat gap: a monitor repeating it. */
    private boolean isRepeat(Parameter p, double v, long t, int from) {
        int i = p.ordinal();
        return measuredAt(i) != NEVER && t > measuredAt(i) && source(i) == from && value(i) == (float) v
                && t - sentAt(i) <= REPEAT_GAP_MILLIS;
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

    /**
     * Keeps the newest value. Two at the same event time (two devices) are ordered by value, then
     * source, not by arrival, and a value recorded again keeps when its source last sent it: the
     * same reading delivered twice (a replay of a late one) leaves everything as it was.
     */
    private void record(Parameter p, double v, long t, int from) {
        int i = p.ordinal();
        float f = (float) v;
        if (t == measuredAt(i) && (f < value(i) || f == value(i) && from <= source(i))) {
            if (f == value(i) && from == source(i)) {
                setSentAt(i, Math.max(sentAt(i), t));
            }
            return;
        }
        if (t >= measuredAt(i)) {
            setMeasuredAt(i, t);
            setSentAt(i, t);
            setValueSource(i, f, from);
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
        long age = t - measuredAt(i);
        if (measuredAt(i) == NEVER || age < 0 || age > validity.millis(p)) {
            return null;
        }
        return Math.round(value(i) * 100.0) / 100.0; // back to the decimal that was measured
    }

    private long measuredAt(int i) {
        return slots[i * SLOT + MEASURED_AT];
    }

    private void setMeasuredAt(int i, long t) {
        slots[i * SLOT + MEASURED_AT] = t;
    }

    private long sentAt(int i) {
        return slots[i * SLOT + SENT_AT];
    }

    private void setSentAt(int i, long t) {
        slots[i * SLOT + SENT_AT] = t;
    }

    /** The value's float bits in the high 32 bits, the source hash in the low 32 ({@link #VALUE_SOURCE}). */
    private void setValueSource(int i, float value, int source) {
        slots[i * SLOT + VALUE_SOURCE] = (long) Float.floatToRawIntBits(value) << 32 | source & 0xFFFF_FFFFL;
    }

    private float value(int i) {
        return Float.intBitsToFloat((int) (slots[i * SLOT + VALUE_SOURCE] >>> 32));
    }

    private int source(int i) {
        return (int) slots[i * SLOT + VALUE_SOURCE];
    }

    /** The checkpointed form ({@link io.vitalstorm.core.state.RiskStateCodec} writes it); copies. */
    public VitalsState snapshot() {
        int n = PARAMETERS.length;
        long[] measuredAt = new long[n];
        float[] value = new float[n];
        int[] source = new int[n];
        long[] sentAt = new long[n];
        for (int i = 0; i < n; i++) {
            measuredAt[i] = measuredAt(i);
            value[i] = value(i);
            source[i] = source(i);
            sentAt[i] = sentAt(i);
        }
        return new VitalsState(lastSeen, measuredAt, value, source, sentAt);
    }

    /** The vitals of a checkpoint, as {@link #snapshot} took them (or as an older format kept them). */
    public static LatestVitals restore(VitalsState s) {
        LatestVitals v = new LatestVitals();
        v.lastSeen = s.lastSeen();
        for (int i = 0; i < PARAMETERS.length; i++) {
            v.setMeasuredAt(i, s.measuredAt()[i]);
            v.setSentAt(i, s.sentAt()[i]);
            v.setValueSource(i, s.value()[i], s.source()[i]);
        }
        return v;
    }
}

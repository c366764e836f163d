package io.vitalstorm.core.scenario;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * Synthetic but physiologically plausible patient streams with known clinical outcomes, the
 * same for the engine tests, the topology tests and {@code ./vitalstorm scenario} (which writes
 * them as JSON lines for {@code replay}). A wrist band sends heart rate, respiratory rate and
 * SpO2 every second with sensor noise; a cuff or a nurse adds spot checks (blood pressure,
 * temperature, consciousness). Deterministic: a seed per scenario.
 */
public final class ClinicalScenarios {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;

    /** A named stream of one patient's readings, in arrival order, with what a clinician expects of it. */
    public record Scenario(String name, String patientId, Spo2Scale scale, String expected,
            List<Observation> readings) {
        public long start() {
            return readings.stream().mapToLong(Observation::ts).min().orElseThrow();
        }

        public long end() {
            return readings.stream().mapToLong(Observation::ts).max().orElseThrow();
        }
    }

    /** The continuous vitals at a second: heart rate, respiratory rate, SpO2 (before noise). */
    private record Vitals(double hr, double rr, double spo2) {
    }

    private ClinicalScenarios() {
    }

    public static List<Scenario> all(String prefix, long t0) {
        return List.of(stable(prefix + "STABLE", t0), sepsis(prefix + "SEPSIS", t0),
                hypoxiaScale1(prefix + "HYPOXIA1", t0),
                hypoxiaScale2(prefix + "HYPOXIA2", t0), tachyarrhythmia(prefix + "TACHY", t0),
                motionArtifacts(prefix + "MOTION", t0), deviceSilence(prefix + "SILENT", t0),
                outOfOrderAndLate(prefix + "ORDER", t0), unacknowledged(prefix + "UNACK", t0),
                monitorArtifacts(prefix + "MONITOR", t0), monitorDeterioration(prefix + "MONDET", t0),
                gatewayBatches(prefix + "GATEWAY", t0));
    }

    /**
     * A bedside monitor, 40 min: every one-second packet carries heart rate, respiratory rate and
     * SpO2 and repeats the last cuff pressure (cuff every 15 min), temperature and ACVPU. Motion
     * artifacts (HR 170, SpO2 78, RR 40 for 3 s) every 5 min, two of them in the very second the
     * cuff brings a new pressure: no alert of any kind.
     */
    public static Scenario monitorArtifacts(String patientId, long t0) {
        List<Observation> r = monitor(patientId, t0, 40 * MINUTE, 10,
                s -> s % (5 * MINUTE) < 3 * SECOND && s > MINUTE ? new Vitals(170, 40, 78) : new Vitals(74, 14, 97),
                m -> 118.0 + (m / 15) * 2);
        return scenario("monitor-artifacts", patientId, Spo2Scale.SCALE_1, "no alert", r);
    }

    /**
     * A bedside monitor repeating cuff, temperature and ACVPU in every packet; at minute 10 SpO2
     * falls to 86 % with RR 24 and HR 110 within 30 s: NEWS2 alert within 3 min of the fall (the
     * sustain time after the window sees it), none before.
     */
    public static Scenario monitorDeterioration(String patientId, long t0) {
        List<Observation> r = monitor(patientId, t0, 25 * MINUTE, 11,
                change(10 * MINUTE, new Vitals(78, 15, 97), new Vitals(110, 24, 86)), m -> 124.0 - m / 2);
        return scenario("monitor-deterioration", patientId, Spo2Scale.SCALE_1,
                "NEWS2 alert within 3 min of the fall at 10 min", r);
    }

    /**
     * A PHD gateway (phone) relaying a pulse oximeter at 1 Hz and a cuff every 20 min: it uploads
     * every 8 s, each batch newest first (out of order, within the allowed lateness), and a
     * 2-s artifact (SpO2 75, HR 165) every 6 min. From minute 12 SpO2 86 % and HR 112: NEWS2
     * alert within 3 min of the fall, none before.
     */
    public static Scenario gatewayBatches(String patientId, long t0) {
        long length = 25 * MINUTE;
        long onset = 12 * MINUTE;
        Random noise = new Random(12);
        List<Observation> inOrder = new ArrayList<>();
        for (long s = 0; s < length; s += SECOND) {
            boolean artifact = s % (6 * MINUTE) < 2 * SECOND && s > MINUTE && s < onset;
            double hr = artifact ? 165 : s < onset ? 80 : ramp(s - onset, 30 * SECOND, 80, 112);
            double spo2 = artifact ? 75 : s < onset ? 97 : ramp(s - onset, 30 * SECOND, 97, 86);
            inOrder.add(
                    new Observation(patientId, "oximeter-" + patientId, t0 + s,
                            clamp(Math.round(hr + noise.nextGaussian() * 2), 30, 220),
                    null, clamp(Math.round(spo2 + noise.nextGaussian() * 0.6), 60, 100), null, null, null, null));
            if (s % (20 * MINUTE) == 0) {
                inOrder.add(new Observation(patientId, "cuff-" + patientId, t0 + s + 200, null, null, null,
                        (double) Math.round(126 - s / MINUTE), 36.9, Consciousness.ALERT, false));
            }
        }
        List<Observation> out = new ArrayList<>(inOrder.size());
        long batch = 8 * SECOND;
        for (int from = 0; from < inOrder.size(); ) {
            long upTo = Math.floorDiv(inOrder.get(from).ts() - t0, batch) * batch + batch + t0;
            int to = from;
            while (to < inOrder.size() && inOrder.get(to).ts() < upTo) {
                to++;
            }
            for (int i = to - 1; i >= from; i--) {
                out.add(inOrder.get(i)); // newest first, as the gateway's queue pops them
            }
            from = to;
        }
        return scenario("gateway-batches", patientId, Spo2Scale.SCALE_1,
                "NEWS2 alert within 3 min of the fall at 12 min", out);
    }

    /** 40 min of a well adult: no alert of any kind. */
    public static Scenario stable(String patientId, long t0) {
        List<Observation> r = wristBand(patientId, t0, 40 * MINUTE, 1, s -> new Vitals(72, 15, 97));
        spotChecks(r, patientId, t0, 40 * MINUTE, 15 * MINUTE, m -> 122.0, m -> 36.8, false);
        return scenario("stable", patientId, Spo2Scale.SCALE_1, "no alert", r);
    }

    /**
     * Sepsis-like: over 90 min heart rate 82 → 128, respiratory rate 16 → 27, SpO2 97 → 92,
     * temperature 37.0 → 39.2 and blood pressure 126 → 96 (nurse every 15 min). A DETERIORATING
     * alert comes before the band first reaches HIGH.
     */
    public static Scenario sepsis(String patientId, long t0) {
        long length = 90 * MINUTE;
        List<Observation> r = wristBand(patientId, t0, length, 2,
                s -> new Vitals(ramp(s, length, 82, 128), ramp(s, length, 16, 27), ramp(s, length, 97, 92)));
        spotChecks(r, patientId, t0, length, 15 * MINUTE, m -> ramp(m, length, 126, 96),
                m -> ramp(m, length, 37.0, 39.2),
                false);
        return scenario("sepsis", patientId, Spo2Scale.SCALE_1, "DETERIORATING before NEWS2 reaches HIGH", r);
    }

    /**
     * Scale 1: stable for 10 min, then SpO2 falls to 86 % within 30 s with RR 24 and HR 108: NEWS2 alert within 3 min.
     */
    public static Scenario hypoxiaScale1(String patientId, long t0) {
        long onset = 10 * MINUTE;
        List<Observation> r = wristBand(patientId, t0, 25 * MINUTE, 3,
                change(onset, new Vitals(76, 15, 97), new Vitals(108, 24, 86)));
        spotChecks(r, patientId, t0, 25 * MINUTE, 30 * MINUTE, m -> 124.0, m -> 36.9, false);
        return scenario("hypoxia-scale-1", patientId, Spo2Scale.SCALE_1,
                "NEWS2 alert within 3 min of the fall at 10 min", r);
    }

    /**
     * Scale 2 (hypercapnic COPD, target 88–92 %): 89 % on air scores 0 for 15 min (on scale 1 it
     * would be a 3), then SpO2 falls to 82 %: NEWS2 alert only after the fall.
     */
    public static Scenario hypoxiaScale2(String patientId, long t0) {
        long onset = 15 * MINUTE;
        List<Observation> r = wristBand(patientId, t0, 30 * MINUTE, 4,
                change(onset, new Vitals(84, 18, 89), new Vitals(104, 22, 82)));
        spotChecks(r, patientId, t0, 30 * MINUTE, 30 * MINUTE, m -> 132.0, m -> 36.9, false);
        return scenario("hypoxia-scale-2", patientId, Spo2Scale.SCALE_2,
                "no alert at 89 %, NEWS2 alert after the fall at 15 min", r);
    }

    /** Heart rate 165 for 4 min from minute 10, then back to 78: NEWS2 alert, resolved 15 min after it ends. */
    public static Scenario tachyarrhythmia(String patientId, long t0) {
        long onset = 10 * MINUTE;
        long end = onset + 4 * MINUTE;
        List<Observation> r = wristBand(patientId, t0, 40 * MINUTE, 5,
                s -> s >= onset && s < end ? new Vitals(165, 18, 96) : new Vitals(78, 15, 97));
        spotChecks(r, patientId, t0, 40 * MINUTE, 30 * MINUTE, m -> 128.0, m -> 36.7, false);
        return scenario("tachyarrhythmia", patientId, Spo2Scale.SCALE_1,
                "NEWS2 alert during the burst, resolved after it", r);
    }

    /** A stable patient whose band slips: 3 s spikes (HR 170, SpO2 78, RR 40) every 4 min: no alert. */
    public static Scenario motionArtifacts(String patientId, long t0) {
        List<Observation> r = wristBand(patientId, t0, 40 * MINUTE, 6,
                s -> s % (4 * MINUTE) < 3 * SECOND && s > MINUTE ? new Vitals(170, 40, 78) : new Vitals(74, 14, 97));
        spotChecks(r, patientId, t0, 40 * MINUTE, 20 * MINUTE, m -> 120.0, m -> 36.8, false);
        return scenario("motion-artifacts", patientId, Spo2Scale.SCALE_1, "no alert", r);
    }

    /** 12 min of stable readings, then the device goes silent: one NO_DATA once the gap passes. */
    public static Scenario deviceSilence(String patientId, long t0) {
        List<Observation> r = wristBand(patientId, t0, 12 * MINUTE, 7, s -> new Vitals(70, 14, 98));
        spotChecks(r, patientId, t0, 12 * MINUTE, 30 * MINUTE, m -> 118.0, m -> 36.6, false);
        return scenario("device-silence", patientId, Spo2Scale.SCALE_1, "NO_DATA after the silence", r);
    }

    /**
     * The scale-1 hypoxia with readings arriving up to 5 s out of order (within the allowed
     * lateness) and, after the alert, a batch of readings 2 min late: the same alert as in order;
     * the late ones are counted and change nothing.
     */
    public static Scenario outOfOrderAndLate(String patientId, long t0) {
        Scenario inOrder = hypoxiaScale1(patientId, t0);
        List<Observation> shuffled = new ArrayList<>(inOrder.readings());
        Random random = new Random(8);
        // arrival = event time + up to 5 s of network delay
        long[] arrival = new long[shuffled.size()];
        for (int i = 0; i < arrival.length; i++) {
            arrival[i] = shuffled.get(i).ts() + random.nextInt(5_000);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < arrival.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> arrival[i]));
        List<Observation> out = new ArrayList<>();
        for (int i : order) {
            out.add(shuffled.get(i));
        }
        // a phone that lost its connection for two minutes delivers a minute of normal readings late
        long lateFrom = t0 + 18 * MINUTE;
        int insertAt = out.size() - 1;
        for (long s = 0; s < MINUTE; s += SECOND) {
            out.add(insertAt++, new Observation(patientId, "phone-" + patientId, lateFrom - 5 * MINUTE + s,
                    76.0, 15.0, 97.0, null, null, null, null));
        }
        return scenario("out-of-order-and-late", patientId, Spo2Scale.SCALE_1,
                "the same NEWS2 alert as in order; 60 late readings counted", out);
    }

    /**
     * SpO2 90 % with RR 22 from minute 2 for an hour (NEWS2 5): OPEN, then escalations every 15 min until acknowledged.
     */
    public static Scenario unacknowledged(String patientId, long t0) {
        long onset = 2 * MINUTE;
        List<Observation> r = wristBand(patientId, t0, 62 * MINUTE, 9,
                change(onset, new Vitals(80, 16, 97), new Vitals(96, 22, 90)));
        spotChecks(r, patientId, t0, 62 * MINUTE, 60 * MINUTE, m -> 122.0, m -> 37.0, false);
        return scenario("unacknowledged", patientId, Spo2Scale.SCALE_1,
                "OPEN, ESCALATED every 15 min unacknowledged", r);
    }

    /** The registry profile of a scenario's patient (its SpO2 scale is the one the scenario is about). */
    public static PatientProfile profile(Scenario s) {
        return new PatientProfile(s.patientId(), "Scenario " + s.name(), 70, "Ward-Scenarios", "Scenario team",
                "Dr Osei", s.scale(), "app:" + s.patientId());
    }

    /**
     * The readings of several scenarios merged as a ward sends them: each patient's own arrival
     * order kept, patients interleaved by event time.
     */
    public static List<Observation> interleaved(List<Scenario> scenarios) {
        List<Observation> out = new ArrayList<>();
        int[] next = new int[scenarios.size()];
        while (true) {
            int pick = -1;
            for (int i = 0; i < scenarios.size(); i++) {
                List<Observation> r = scenarios.get(i).readings();
                if (next[i] < r.size() && (pick < 0
                        || r.get(next[i]).ts() < scenarios.get(pick).readings().get(next[pick]).ts())) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return out;
            }
            out.add(scenarios.get(pick).readings().get(next[pick]++));
        }
    }

    private static Scenario scenario(String name, String patientId, Spo2Scale scale, String expected,
            List<Observation> r) {
        return new Scenario(name, patientId, scale, expected, List.copyOf(r));
    }

    /**
     * 1 Hz wrist-band readings with Gaussian sensor noise (HR ±2, RR ±1, SpO2 ±0.6), rounded as devices report them.
     */
    private static List<Observation> wristBand(String patientId, long t0, long length, long seed,
            LongFunction<Vitals> at) {
        Random noise = new Random(seed);
        List<Observation> out = new ArrayList<>((int) (length / SECOND));
        for (long s = 0; s < length; s += SECOND) {
            Vitals v = at.apply(s);
            out.add(new Observation(patientId, "band-" + patientId, t0 + s,
                    clamp(Math.round(v.hr() + noise.nextGaussian() * 2), 30, 220),
                    clamp(Math.round(v.rr() + noise.nextGaussian()), 4, 60),
                    clamp(Math.round(v.spo2() + noise.nextGaussian() * 0.6), 60, 100), null, null, null, null));
        }
        return out;
    }

    /**
     * 1 Hz bedside-monitor packets: the continuous vitals with noise, and in every packet the last
     * cuff pressure (a new one every 15 min, measured at the packet's second), temperature 36.8,
     * ACVPU alert and air, repeated as monitors do.
     */
    private static List<Observation> monitor(String patientId, long t0, long length, long seed, LongFunction<Vitals> at,
                                             LongFunction<Double> cuff) {
        List<Observation> band = wristBand(patientId, t0, length, seed, at);
        List<Observation> out = new ArrayList<>(band.size());
        double bp = cuff.apply(0);
        for (Observation o : band) {
            long s = o.ts() - t0;
            if (s % (15 * MINUTE) == 0) {
                bp = Math.round(cuff.apply(s / MINUTE));
            }
            out.add(new Observation(patientId, "monitor-" + patientId, o.ts(), o.heartRate(),
                    o.respiratoryRate(), o.spo2(),
                    bp, 36.8, Consciousness.ALERT, false));
        }
        return out;
    }

    /** A cuff/nurse set every {@code every}, starting at t0, inserted in time order: BP, temperature, ACVPU, air. */
    private static void spotChecks(List<Observation> r, String patientId, long t0, long length, long every,
                                   LongFunction<Double> bp, LongFunction<Double> temp, boolean onOxygen) {
        for (long m = 0; m < length; m += every) {
            Observation spot = new Observation(patientId, "nurse-" + patientId, t0 + m + 500, null, null, null,
                    (double) Math.round(bp.apply(m)), Math.round(temp.apply(m) * 10) / 10.0, Consciousness.ALERT,
                    onOxygen);
            int at = 0;
            while (at < r.size() && r.get(at).ts() <= spot.ts()) {
                at++;
            }
            r.add(at, spot);
        }
    }

    /** Linear change from {@code from} to {@code to} over {@code length}. */
    private static double ramp(long t, long length, double from, double to) {
        return from + (to - from) * Math.min(1.0, (double) t / length);
    }

    /** {@code from} until {@code onset}, then a change to {@code to} over 30 s, held. */
    private static LongFunction<Vitals> change(long onset, Vitals from, Vitals to) {
        return s -> s < onset ? from : new Vitals(ramp(s - onset, 30 * SECOND, from.hr(), to.hr()),
                ramp(s - onset, 30 * SECOND, from.rr(), to.rr()), ramp(s - onset, 30 * SECOND, from.spo2(), to.spo2()));
    }

    private static double clamp(long v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}

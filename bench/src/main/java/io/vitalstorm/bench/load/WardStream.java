package io.vitalstorm.bench.load;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The benchmark's ward traffic, a pure function of (patient, second): the same stream however
 * often and wherever it is generated, so the topology and the limit loop see identical data.
 * <ul>
 *   <li>every patient's wrist band sends heart rate and SpO2 every second (partial observations, the bulk);</li>
 *   <li>a BP cuff sends systolic pressure every 15 minutes, a nurse a full set every 4 hours;</li>
 *   <li>one record in 50 is junk of the kinds integrations really send (dead-letter path);</li>
 *   <li>patients 7 and 8 of every 10 are unstable: for 1 of every 2.5 minutes their heart rate is
 *       over 130, SpO2 under 92 and systolic pressure 88, with a cuff reading every 30 s (a spot
 *       check, which the risk engine judges at once), so alerts open and resolve all through a
 *       run, even a short one; patient 9 of every
 *       10 is a COPD patient on SpO2 scale 2; the rest are stable.</li>
 * </ul>
 * One patient in 50 is not in the registry (the enrich path's "unknown patient" case).
 */
public final class WardStream {

    public static final int JUNK_ONE_IN = 50;
    public static final int UNREGISTERED_ONE_IN = 50;
    static final int CUFF_PERIOD_S = 15 * 60;
    /** A deteriorating patient is watched closely: a cuff reading every 30 s (a spot check, judged at once). */
    static final int ILL_CUFF_PERIOD_S = 30;
    static final int NURSE_PERIOD_S = 4 * 3600;
    public static final int EPISODE_CYCLE_S = 150;
    public static final int EPISODE_ABNORMAL_S = 60;
    /** Wards of 30 beds. */
    static final int BEDS_PER_WARD = 30;

    private static final String[] JUNK = {
        "{\"patientId\":\"%s\",\"ts\":\"yesterday\",\"heartRate\":70}",
        "{\"patientId\":\"%s\",\"ts\":%d,\"heartRate\":420}",
        "{\"patientId\":\"%s\",\"ts\":%d,\"spo2\":\"97%%\"}",
        "heartRate=72;spo2=97 %s %d",
    };

    private WardStream() {
    }

    public static String patientId(int patient) {
        return "B" + (1_000_000 + patient); // fixed width without String.format on the hot path
    }

    public static boolean registered(int patient) {
        return patient % UNREGISTERED_ONE_IN != UNREGISTERED_ONE_IN - 1;
    }

    public static PatientProfile profile(int patient) {
        String ward = "Ward-" + patient / BEDS_PER_WARD;
        return new PatientProfile(patientId(patient), "Bench patient " + patient, 40 + patient % 50, ward,
                ward + " team", "Dr " + (char) ('A' + patient % 26),
                copd(patient) ? Spo2Scale.SCALE_2 : Spo2Scale.SCALE_1,
                "app:device-" + patient);
    }

    /** The records {@code patient} sends in {@code second} of the stream, measured at {@code ts}. */
    public static void records(int patient, long second, long ts, Consumer<byte[]> out) {
        String id = patientId(patient);
        long noise = mix(patient, second);
        boolean ill = deteriorating(patient, second);
        int hr = ill ? 132 + (int) (noise >>> 8 & 7) : 62 + (int) (noise >>> 8 & 31);
        int spo2 = ill ? 88 + (int) (noise >>> 16 & 3) : copd(patient) ? 88 + (int) (noise >>> 16 & 3)
                : 95 + (int) (noise >>> 16 & 3);
        if (noise % JUNK_ONE_IN == 0) {
            // the band's reading of this second arrives broken; cuff and nurse sets are unaffected
            out.accept(junk(id, ts, (int) (second % JUNK.length)));
        } else {
            out.accept(("{\"patientId\":\"" + id + "\",\"deviceId\":\"band-" + id + "\",\"ts\":" + ts
                    + ",\"heartRate\":" + hr + ",\"spo2\":" + spo2 + "}").getBytes(StandardCharsets.UTF_8));
        }
        if ((second + patient) % CUFF_PERIOD_S == 0 || ill && (second + patient) % ILL_CUFF_PERIOD_S == 0) {
            out.accept(("{\"patientId\":\"" + id + "\",\"deviceId\":\"cuff-" + id + "\",\"ts\":" + ts
                    + ",\"systolicBp\":" + (ill ? 88 : 118 + (noise >>> 24 & 15)) + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if ((second + 13L * patient) % NURSE_PERIOD_S == 0) {
            out.accept(("{\"patientId\":\"" + id + "\",\"deviceId\":\"nurse-" + patient % 7 + "\",\"ts\":" + ts
                    + ",\"heartRate\":" + hr + ",\"respiratoryRate\":" + (ill ? 23 : 15) + ",\"spo2\":" + spo2
                    + ",\"systolicBp\":" + (ill ? 98 : 124) + ",\"temperature\":" + (ill ? 38.6 : 36.8)
                    + ",\"consciousness\":\"A\",\"onOxygen\":false}").getBytes(StandardCharsets.UTF_8));
        }
    }

    static boolean deteriorating(int patient, long second) {
        int kind = patient % 10;
        if (kind != 7 && kind != 8) {
            return false;
        }
        long phase = (second + 37L * patient) % EPISODE_CYCLE_S;
        return phase < EPISODE_ABNORMAL_S;
    }

    static boolean copd(int patient) {
        return patient % 10 == 9;
    }

    private static byte[] junk(String id, long ts, int kind) {
        return String.format(JUNK[kind], id, ts).getBytes(StandardCharsets.UTF_8);
    }

    /** A cheap deterministic hash (SplitMix64 finaliser), never negative. */
    static long mix(int patient, long second) {
        long z = patient * 0x9E3779B97F4A7C15L + second * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}

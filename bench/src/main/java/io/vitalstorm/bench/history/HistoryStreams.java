package io.vitalstorm.bench.history;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.util.Map;
import java.util.Random;

/**
 * The two streams the storage benchmark stores, one reading per patient per second on whole
 * seconds: a wrist band (heart rate as a random walk of ±1–2 bpm, SpO2 moving by 1 about every
 * ten seconds) and a full-set bedside monitor (every NEWS2 vital: respiration and heart rate
 * each second, blood pressure changing every 15 s, temperature every 5 min, ACVPU and oxygen
 * steady). Seeded: every run stores the same data.
 */
public final class HistoryStreams {

    public enum Kind { WRIST_BAND, FULL_SET }

    private final Kind kind;
    private final String patientId;
    private final String deviceId;
    private final Random random;
    private double hr = 72;
    private double spo2 = 97;
    private double rr = 16;
    private double sbp = 124;
    private double temp = 36.8;

    public HistoryStreams(Kind kind, String patientId, long seed) {
        this.kind = kind;
        this.patientId = patientId;
        this.deviceId = (kind == Kind.WRIST_BAND ? "wrist-" : "monitor-") + patientId;
        this.random = new Random(seed);
    }

    public HistoryEntry next(long ts) {
        hr = clamp(hr + random.nextInt(5) / 2 - 1, 45, 140);
        if (random.nextInt(10) == 0) {
            spo2 = clamp(spo2 + (random.nextBoolean() ? 1 : -1), 88, 100);
        }
        int hrScore = hr <= 50 || hr > 110 ? 2 : hr > 90 ? 1 : 0;
        int spo2Score = spo2 <= 91 ? 3 : spo2 <= 93 ? 2 : spo2 <= 95 ? 1 : 0;
        if (kind == Kind.WRIST_BAND) {
            return new HistoryEntry(new Observation(patientId, deviceId, ts, hr, null, spo2, null, null, null, null),
                    hrScore + spo2Score, "LOW", Map.of("heartRate", hrScore, "spo2", spo2Score), true, true);
        }
        if (random.nextInt(4) == 0) {
            rr = clamp(rr + (random.nextBoolean() ? 1 : -1), 10, 28);
        }
        if (Math.floorMod(ts / 1000, 15) == 0) {
            sbp = clamp(sbp + random.nextInt(7) - 3, 90, 180);
        }
        if (Math.floorMod(ts / 1000, 300) == 0) {
            temp = Math.round(clamp(temp + (random.nextInt(3) - 1) / 10.0, 35.5, 39.5) * 10) / 10.0;
        }
        int rrScore = rr <= 11 ? 1 : rr >= 21 ? 2 : 0;
        int total = hrScore + spo2Score + rrScore;
        return new HistoryEntry(
                new Observation(patientId, deviceId, ts, hr, rr, spo2, sbp, temp, Consciousness.ALERT, false),
                total, total >= 5 ? "MEDIUM" : "LOW",
                Map.of("heartRate", hrScore, "spo2", spo2Score, "respiratoryRate", rrScore,
                "systolicBp", 0, "temperature", 0, "consciousness", 0, "airOrOxygen", 0), false, true);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

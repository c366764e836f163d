package io.vitalstorm.cli;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated ward for the demo: physiologically plausible readings with sensor noise. Most
 * patients are stable; some deteriorate like early sepsis (heart and breathing rate up,
 * pressure and saturation down, fever) over a few minutes; COPD patients sit at 88-92 % on
 * scale 2; one device sends junk now and then. Wrist bands send HR and SpO2 every reading;
 * blood pressure, temperature and consciousness come only every few readings, as in real life.
 */
final class WardSimulator {

    enum Course { STABLE, DETERIORATING, COPD, HYPOXIC_EPISODE }

    record SimPatient(PatientProfile profile, Course course, double onsetFraction) {
    }

    private final List<SimPatient> patients = new ArrayList<>();
    private final Random random;
    private final long durationMillis;

    WardSimulator(int count, long durationMillis, long seed) {
        this.random = new Random(seed);
        this.durationMillis = durationMillis;
        String[] wards = {"Ward-5A", "Ward-7C", "Home-Care-North"};
        for (int i = 0; i < count; i++) {
            Course course = i % 10 == 3 || i % 10 == 7 ? Course.DETERIORATING
                    : i % 10 == 5 ? Course.COPD : i % 10 == 9 ? Course.HYPOXIC_EPISODE : Course.STABLE;
            String ward = wards[i % wards.length];
            PatientProfile p = new PatientProfile(String.format("P%04d", i + 1), "Patient " + (i + 1),
                    45 + random.nextInt(45), ward, ward + " team", "Dr " + "ABCDEFGH".charAt(i % 8) + ".",
                    course == Course.COPD ? Spo2Scale.SCALE_2 : Spo2Scale.SCALE_1, "app:device-" + (i + 1));
            patients.add(new SimPatient(p, course, 0.15 + 0.5 * random.nextDouble()));
        }
    }

    List<SimPatient> patients() {
        return patients;
    }

    /** One reading for the patient at wall time {@code now}, {@code elapsed} into the demo. */
    byte[] reading(SimPatient p, long now, long elapsed, int sequence) {
        double progress = Math.max(0, Math.min(1, ((double) elapsed / durationMillis - p.onsetFraction()) / 0.35));
        double hr = 76, rr = 15, spo2 = 97, sbp = 126, temp = 36.9;
        boolean oxygen = false;
        String acvpu = "A";
        switch (p.course()) {
            case DETERIORATING -> {
                hr += 55 * progress;
                rr += 12 * progress;
                spo2 -= 6 * progress;
                sbp -= 36 * progress;
                temp += 2.4 * progress;
                if (progress > 0.9) {
                    acvpu = "C";
                }
            }
            case COPD -> {
                spo2 = 90;
                rr = 19;
            }
            case HYPOXIC_EPISODE -> spo2 -= progress > 0.3 && progress < 0.8 ? 10 : 0;
            default -> { }
        }
        var n = Json.object();
        n.put("patientId", p.profile().patientId());
        n.put("deviceId", "band-" + p.profile().patientId());
        n.put("ts", now);
        n.put("heartRate", Math.round(hr + random.nextGaussian() * 2));
        n.put("spo2", Math.round(Math.min(100, spo2 + random.nextGaussian() * 0.7)));
        n.put("respiratoryRate", Math.round(rr + random.nextGaussian()));
        if (sequence % 5 == 0) {
            n.put("systolicBp", Math.round(sbp + random.nextGaussian() * 3));
            n.put("temperature", Math.round((temp + random.nextGaussian() * 0.1) * 10) / 10.0);
            n.put("consciousness", acvpu);
            n.put("onOxygen", oxygen);
        }
        return Json.bytes(n);
    }

    /** A malformed record of the kinds integrations really send. */
    byte[] junk(int sequence) {
        String[] kinds = {
            "{\"patientId\":\"P0001\",\"ts\":\"yesterday\",\"heartRate\":70}",
            "{\"patientId\":\"P0002\",\"ts\":" + System.currentTimeMillis() + ",\"heartRate\":420}",
            "{\"patientId\":\"P0003\",\"ts\":" + System.currentTimeMillis() + ",\"spo2\":\"97%\"}",
            "heartRate=72;spo2=97",
        };
        return kinds[sequence % kinds.length].getBytes(StandardCharsets.UTF_8);
    }
}

package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Score;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.state.RiskState;
import io.vitalstorm.core.state.RiskStateCodec;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.core.vitals.LatestVitals;
import io.vitalstorm.core.window.BucketSummary;
import io.vitalstorm.core.window.PatientWindow;
import io.vitalstorm.core.window.TrendDetector;
import io.vitalstorm.core.window.WindowSettings;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * One patient's risk state and the rules that read it. Continuous vitals (heart rate,
 * respiratory rate, SpO2) are judged on window medians: the NEWS2 condition holds once the
 * window score has been at or above the trigger for the sustain time ("re-check before
 * notify"), so a motion spike never alerts. A spot check — a newly measured blood pressure,
 * temperature or consciousness (see {@link LatestVitals} for what counts as new) — counts at
 * once, combined with the window medians of the continuous vitals whenever a stream supplies
 * them (docs/clinical-rules.md).
 * Not thread-safe: it lives with the patient's task.
 */
final class PatientRisk {

    /**
     * A closed bucket with at least this many readings comes from a streaming source (a monitor or
     * wearable at 0.1 Hz or more): its median is the robust value of the continuous vitals. Fewer
     * readings are deliberate measurements (a nurse's count, a gateway's one-minute average), each
     * its own robust value.
     */
    static final int STREAM_READINGS = 3;

    private final LatestVitals latest;
    private WindowSettings windowSettings;
    private PatientWindow window;
    private TrendDetector trend;
    /** Consecutive closed buckets at or above the trigger, and with a deteriorating slope. */
    private int news2Run;
    private int slopeRun;
    /** The last NEWS2 evaluation (window bucket or spot check) and whether it counts. */
    private RiskBand news2Band = RiskBand.LOW;
    private int news2Total;
    private String news2Reason;
    private String trendReason;
    /** The verdicts the last readings got, for their replays. */
    private final RecentVerdicts verdicts;

    PatientRisk(Thresholds t) {
        this.verdicts = new RecentVerdicts();
        this.latest = new LatestVitals();
        this.windowSettings = t.window();
        this.window = new PatientWindow(t.window());
        this.trend = new TrendDetector(t.trend());
    }

    private PatientRisk(LatestVitals latest, WindowSettings windowSettings, PatientWindow window, TrendDetector trend,
            RecentVerdicts verdicts) {
        this.verdicts = verdicts;
        this.latest = latest;
        this.windowSettings = windowSettings;
        this.window = window;
        this.trend = trend;
    }

    Assessment assess(EnrichedObservation e, Thresholds t, News2Scorer scorer) {
        fit(t);
        Observation o = e.observation();
        Spo2Scale scale = e.profile().spo2Scale();
        PatientWindow.Result placed = window.add(o);
        if (placed.placement() == PatientWindow.Placement.DUPLICATE) {
            // delivered again (a replay): scored as it stands, absorbed nowhere, with its first delivery's verdict
            LatestVitals.Merged seen = latest.peek(o, t.validity());
            News2Score score = scorer.score(seen.observation(), scale).withCarried(seen.carried());
            RecentVerdicts.Verdict first = verdicts.of(o);
            RecentVerdicts.Verdict v = first != null ? first : currentVerdict();
            return new Assessment(new ScoredObservation(e, score), false, v.news2(), v.trend(), true);
        }
        LatestVitals.Merged merged = latest.merge(o, t.validity());
        News2Score score = scorer.score(merged.observation(), scale).withCarried(merged.carried());
        for (BucketSummary b : placed.closed()) {
            onBucketClosed(b, e.patientId(), scale, t, scorer);
        }
        boolean late = placed.placement() == PatientWindow.Placement.LATE;
        if (!late && isSpotCheck(merged)) {
            onSpotCheck(o.ts(), spotScore(merged.observation(), o, scale, t, scorer), t);
        }
        // a late reading already held is a replay of one whose bucket has closed: its first verdict
        RecentVerdicts.Verdict v = late ? verdicts.of(o) : null;
        if (v == null) {
            v = verdicts.record(o, currentVerdict());
        }
        return new Assessment(new ScoredObservation(e, score), late, v.news2(), v.trend());
    }

    private RecentVerdicts.Verdict currentVerdict() {
        return new RecentVerdicts.Verdict(news2Band, news2Total, news2Reason, trendReason);
    }

    /**
     * A spot check is a newly measured intermittent parameter (a cuff's new pressure, a nurse's
     * temperature or ACVPU): it is the re-check and counts at once. A monitor repeating the last
     * cuff pressure, temperature and ACVPU in every packet measures none of them anew.
     */
    static boolean isSpotCheck(LatestVitals.Merged merged) {
        Set<Parameter> m = merged.measured();
        return m.contains(Parameter.SYSTOLIC_BP) || m.contains(Parameter.TEMPERATURE)
                || m.contains(Parameter.CONSCIOUSNESS);
    }

    /**
     * A spot check's intermittent values count as measured. Its continuous values are the window's
     * robust ones whenever the patient has a streaming source — the last closed bucket's medians,
     * still valid — whatever the record itself carries, so a motion spike at the moment of the spot
     * check (or in the monitor packet that brings a new cuff pressure) cannot make it alert. With no
     * stream, the continuous values measured with the spot check are deliberate and count as they are.
     */
    private News2Score spotScore(Observation merged, Observation own, Spo2Scale scale, Thresholds t,
            News2Scorer scorer) {
        BucketSummary last = window.lastClosed();
        if (last == null || last.readings() < STREAM_READINGS) {
            return scorer.score(merged, scale);
        }
        long ts = own.ts();
        Observation robust = new Observation(merged.patientId(), merged.deviceId(), ts,
                robust(own.heartRate(), last.heartRate(), merged.heartRate(), ts - last.end(),
                        t.validity().millis(Parameter.HEART_RATE)),
                robust(own.respiratoryRate(), last.respiratoryRate(), merged.respiratoryRate(), ts - last.end(),
                        t.validity().millis(Parameter.RESPIRATORY_RATE)),
                robust(own.spo2(), last.spo2(), merged.spo2(), ts - last.end(), t.validity().millis(Parameter.SPO2)),
                merged.systolicBp(), merged.temperature(), merged.consciousness(), merged.onOxygen());
        return scorer.score(robust, scale);
    }

    private static Double robust(Double own, Double median, Double latest, long medianAge, long validity) {
        return median != null && medianAge <= validity ? median : latest;
    }

    private void onBucketClosed(BucketSummary b, String patientId, Spo2Scale scale, Thresholds t, News2Scorer scorer) {
        // slow parameters as known now (a cuff reading may have arrived after the bucket ended)
        Observation slow = latest.validAt(patientId, latest.lastSeen(), t.validity());
        Observation w = new Observation(patientId, null, b.end(), or(b.heartRate(), slow.heartRate()),
                or(b.respiratoryRate(), slow.respiratoryRate()), or(b.spo2(), slow.spo2()), slow.systolicBp(),
                slow.temperature(), slow.consciousness(), slow.onOxygen());
        News2Score ws = scorer.score(w, scale);
        int needed = t.window().bucketsToSustain();
        news2Run = ws.band().atLeast(t.alertTrigger()) ? Math.min(news2Run + 1, Short.MAX_VALUE) : 0;
        news2Band = ws.band();
        news2Total = ws.total();
        news2Reason = news2Run >= needed
                ? "NEWS2 " + ws.total() + " (" + ws.band() + ") held for "
                + t.window().slide().multipliedBy(news2Run).toSeconds()
                        + " s, window medians" + medians(b)
                : null;

        Optional<String> rise = trend.onScore(b.end(), ws.total(), t.trend());
        Optional<String> slope = TrendDetector.slopes(window.window(), t.window().bucketsPerWindow(), t.trend());
        slopeRun = slope.isPresent() ? Math.min(slopeRun + 1, Short.MAX_VALUE) : 0;
        trendReason = rise.orElse(slopeRun >= needed ? slope.get() + ", sustained" : null);
    }

    private void onSpotCheck(long ts, News2Score score, Thresholds t) {
        news2Band = score.band();
        news2Total = score.total();
        if (score.band().atLeast(t.alertTrigger())) {
            news2Run = Math.max(news2Run, t.window().bucketsToSustain());
            news2Reason = "spot check NEWS2 " + score.total() + " (" + score.band() + ")";
        } else {
            news2Run = 0;
            news2Reason = null;
        }
        Optional<String> rise = trend.onScore(ts, score.total(), t.trend());
        if (rise.isPresent()) {
            trendReason = rise.get();
        } else if (slopeRun < t.window().bucketsToSustain()) {
            trendReason = null;
        }
    }

    /** A live change of the window or trend horizon starts that part afresh; everything else applies as is. */
    private void fit(Thresholds t) {
        if (!windowSettings.equals(t.window())) {
            windowSettings = t.window();
            window = new PatientWindow(windowSettings);
            news2Run = 0;
            slopeRun = 0;
        }
        if (!trend.fits(t.trend())) {
            trend = new TrendDetector(t.trend());
        }
    }

    private static Double or(Double median, Double fallback) {
        return median != null ? median : fallback;
    }

    private static String medians(BucketSummary b) {
        StringBuilder s = new StringBuilder();
        if (b.heartRate() != null) {
            s.append(" HR ").append(b.heartRate());
        }
        if (b.respiratoryRate() != null) {
            s.append(" RR ").append(b.respiratoryRate());
        }
        if (b.spo2() != null) {
            s.append(" SpO2 ").append(b.spo2());
        }
        return s.length() == 0 ? " none" : s.toString();
    }

    /** The checkpoint ({@link RiskStateCodec}: the layout and its formats). */
    byte[] encode() {
        return RiskStateCodec.encode(new RiskState(windowSettings.size().toMillis(), windowSettings.slide().toMillis(),
                windowSettings.allowedLateness().toMillis(), windowSettings.sustain().toMillis(), latest.snapshot(),
                window.snapshot(), trend.snapshot(), news2Run, slopeRun, news2Band, news2Total, news2Reason,
                trendReason, verdicts.snapshot()));
    }

    /** Reads a checkpoint; an unknown format is refused so the caller can start the patient afresh. */
    static PatientRisk decode(byte[] bytes, Thresholds t) {
        RiskState s = RiskStateCodec.decode(bytes);
        try {
            WindowSettings stored = new WindowSettings(Duration.ofMillis(s.windowSizeMillis()),
                    Duration.ofMillis(s.slideMillis()), Duration.ofMillis(s.allowedLatenessMillis()),
                    Duration.ofMillis(s.sustainMillis()));
            PatientRisk p = new PatientRisk(LatestVitals.restore(s.latest()), stored,
                    PatientWindow.restore(s.window(), stored), TrendDetector.restore(s.trend(), t.trend()),
                    RecentVerdicts.restore(s.verdicts()));
            p.news2Run = s.news2Run();
            p.slopeRun = s.slopeRun();
            p.news2Band = s.news2Band();
            p.news2Total = s.news2Total();
            p.news2Reason = s.news2Reason();
            p.trendReason = s.trendReason();
            p.fit(t);
            return p;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable risk state: " + e, e);
        }
    }
}

package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.state.VerdictState;

import java.util.Objects;

/**
 * The verdicts a patient's last {@link #SIZE} readings got on their first delivery, by the reading's
 * identity as the window recognises a replay (device and event time), so a replay flagged duplicate or
 * late carries the verdict an undisturbed run gave it, not the newest one (docs/reliability.md, "An
 * assessment lost between score and alert"). A ring in arrival order; consecutive readings with the
 * same verdict share one {@link Verdict}, the readings of one device one id string: 186 bytes a patient
 * ({@code EngineFootprintByClass 2000 0}: 1,897 before, 2,083 with it).
 *
 * <p>Why {@link #SIZE} is enough: a replay that needs its own verdict is a reading the risk engine
 * absorbed whose assessment died on its way to the alert engine, so it was in flight at the kill:
 * at most about 3 s of a spout task's readings are in flight ({@code topology.max.spout.pending}
 * is sized so, docs/capacity.md) and {@code score} acks its batches within 200 ms, which is 3 or 4
 * readings of a patient on a 1 Hz monitor; a burst (a gateway sending a backlog, the cluster
 * test's four readings of one patient at once) stays within 8. A faster stream has more in flight:
 * its older replays carry the current verdict, as before, which differs from their own only if a
 * bucket closed or a spot check came in between (a stream's verdict changes only then).
 */
final class RecentVerdicts {

    static final int SIZE = 8;

    /** One reading's verdict: band and NEWS2 total, and the reasons of the conditions that held (null: did not). */
    record Verdict(RiskBand band, int news2Total, String news2Reason, String trendReason) {

        Finding news2() {
            return new Finding(AlertCondition.NEWS2, news2Reason != null, band, news2Total, news2Reason);
        }

        Finding trend() {
            return new Finding(AlertCondition.DETERIORATING, trendReason != null, band, news2Total, trendReason);
        }
    }

    private final long[] ts = new long[SIZE];
    private final String[] devices = new String[SIZE];
    private final Verdict[] verdicts = new Verdict[SIZE];
    /** The slot the next reading goes to, and how many are held. */
    private int next;
    private int count;

    /** The first verdict of the reading with this identity, or null when it is not among the last {@link #SIZE}. */
    Verdict of(Observation o) {
        return of(o.deviceId(), o.ts());
    }

    private Verdict of(String device, long eventTs) {
        for (int k = 1; k <= count; k++) {
            int i = Math.floorMod(next - k, SIZE);
            if (ts[i] == eventTs && Objects.equals(devices[i], device)) {
                return verdicts[i];
            }
        }
        return null;
    }

    /**
     * Keeps a first delivery's verdict (the oldest held goes); the verdict as held: the newest one's object when
     * equal, so an unchanged verdict costs no object.
     */
    Verdict record(Observation o, Verdict v) {
        return record(o.deviceId(), o.ts(), v);
    }

    private Verdict record(String device, long eventTs, Verdict v) {
        Verdict newest = count == 0 ? null : verdicts[Math.floorMod(next - 1, SIZE)];
        Verdict held = v.equals(newest) ? newest : v;
        ts[next] = eventTs;
        devices[next] = shared(device);
        verdicts[next] = held;
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
        return held;
    }

    /** The device id as held already, else as given: one string per device, not one per reading. */
    private String shared(String device) {
        for (int k = 0; k < count; k++) {
            if (devices[k] != null && devices[k].equals(device)) {
                return devices[k];
            }
        }
        return device;
    }

    VerdictState snapshot() {
        VerdictState s = new VerdictState(new long[count], new String[count], new RiskBand[count], new int[count],
                new String[count], new String[count]);
        for (int k = 0; k < count; k++) {
            int i = Math.floorMod(next - count + k, SIZE);
            s.ts()[k] = ts[i];
            s.devices()[k] = devices[i];
            s.bands()[k] = verdicts[i].band();
            s.news2Totals()[k] = verdicts[i].news2Total();
            s.news2Reasons()[k] = verdicts[i].news2Reason();
            s.trendReasons()[k] = verdicts[i].trendReason();
        }
        return s;
    }

    /** The record of a checkpoint, oldest first; the newest {@link #SIZE} if it holds more. */
    static RecentVerdicts restore(VerdictState s) {
        RecentVerdicts r = new RecentVerdicts();
        for (int k = Math.max(0, s.size() - SIZE); k < s.size(); k++) {
            r.record(s.devices()[k], s.ts()[k],
                    new Verdict(s.bands()[k], s.news2Totals()[k], s.news2Reasons()[k], s.trendReasons()[k]));
        }
        return r;
    }
}

package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;

/**
 * An alert episode as one Redis hash field ({@code vs:episode:<patientId>}, field = condition):
 * thirteen fields joined by '|' (condition, alert id, state, seq, worst, band, NEWS2, opened at,
 * last transition, below since, last notified, acknowledged by — empty for nobody —, last reason),
 * a '|' in the free text written as '/'. That is {@link #VERSION} 1, untagged: it starts with a
 * condition name (upper case). A later version is tagged {@code v<N>|} in front, so this reader
 * tells an episode it cannot read from a damaged one.
 */
public final class EpisodeCodec {

    /** The version written. */
    public static final int VERSION = 1;
    private static final int FIELDS = 13;

    private EpisodeCodec() {
    }

    public static String encode(StoredEpisode e) {
        return String.join("|", e.condition(), e.alertId(), e.state(), Integer.toString(e.seq()), e.worst().name(),
                e.band().name(), Integer.toString(e.news2()), Long.toString(e.openedAt()),
                Long.toString(e.lastTransitionTs()), Long.toString(e.belowSince()), Long.toString(e.lastNotifiedAt()),
                e.acknowledgedBy() == null ? "" : e.acknowledgedBy().replace('|', '/'),
                e.lastReason().replace('|', '/'));
    }

    /** The episode of a stored text; an IllegalArgumentException when it is none (or of a later version). */
    public static StoredEpisode decode(String text) {
        int version = version(text);
        if (version != VERSION) {
            throw new IllegalArgumentException("alert episode of version " + version + ", this worker reads "
                    + VERSION + ": " + text);
        }
        String[] f = text.split("\\|", FIELDS);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("not an alert episode: " + text);
        }
        return new StoredEpisode(f[0], f[1], f[2], Integer.parseInt(f[3]), RiskBand.valueOf(f[4]),
                RiskBand.valueOf(f[5]), Integer.parseInt(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                Long.parseLong(f[9]), Long.parseLong(f[10]), f[11].isEmpty() ? null : f[11], f[12]);
    }

    /** The version of a stored text: its {@code v<N>|} tag, 1 when untagged. */
    static int version(String text) {
        int bar = text.indexOf('|');
        if (text.startsWith("v") && bar > 1 && text.substring(1, bar).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(text.substring(1, bar));
        }
        return 1;
    }
}

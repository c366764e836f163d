package io.vitalstorm.storage.redis;

/** The Redis key layout, in one place (documented in docs/state.md). */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Hash: the patient's latest vitals, score, band and times. */
    public static String latest(String patientId) {
        return "vs:latest:" + patientId;
    }

    /** Sorted set of all patients by current NEWS2: the ward dashboard's "worst first". */
    public static String riskAll() {
        return "vs:risk";
    }

    public static String riskOfWard(String ward) {
        return "vs:risk:ward:" + ward;
    }

    /** Hash: the patient's alert episodes, a field per condition ({@code Episode} text form), for restarts. */
    public static String episode(String patientId) {
        return "vs:episode:" + patientId;
    }

    /** Hash of every open alert: field {@code <patientId>|<condition>}, value a JSON summary of the alert. */
    public static final String OPEN_ALERTS = "vs:alerts:open";

    public static String openAlertField(String patientId, String condition) {
        return patientId + "|" + condition;
    }

    /** String (binary): the patient's checkpointed risk state (windows, freshness, trend). */
    public static String riskState(String patientId) {
        return "vs:state:" + patientId;
    }

    /** String: the cached registry profile (JSON), or {@link ProfileCache#UNKNOWN_MARKER}. */
    public static String profile(String patientId) {
        return "vs:profile:" + patientId;
    }

    /**
     * Counter raised on every registry change: in-task profile caches poll it (one GET a second)
     * and start afresh when it moves, so a change reaches the stream within about a second.
     */
    public static final String PROFILE_VERSION = "vs:profile:version";

    /** String: a counter of failed logins ({@code user:<name>} or {@code address:<ip>}), expiring with its window. */
    public static String failures(String counted) {
        return "vs:login:" + counted;
    }
}

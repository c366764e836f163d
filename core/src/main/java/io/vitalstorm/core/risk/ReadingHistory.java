package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.Observation;

import java.util.List;

/**
 * The durable record of a patient's readings (the history store): the memory of record from which
 * a risk state lost with its checkpoint is rebuilt, by replaying the readings it depends on.
 */
@FunctionalInterface
public interface ReadingHistory {

    /** The patient's stored readings with {@code from <= ts < to}, oldest first. */
    List<Observation> readings(String patientId, long from, long to);

    /** No durable record (replay, tests, benchmarks): a patient without checkpoint starts afresh. */
    static ReadingHistory none() {
        return (patientId, from, to) -> List.of();
    }
}

package io.vitalstorm.storage.cassandra;

import io.vitalstorm.core.model.Observation;

import java.util.Map;

/** One stored reading: the raw measured values and the score they got at the time. */
public record HistoryEntry(Observation observation, int news2, String band, Map<String, Integer> subscores,
                           boolean incomplete, boolean knownPatient) {
}

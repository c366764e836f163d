package io.vitalstorm.core.testsupport;

import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.risk.RiskStateStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stand in for Redis in engine tests: state that outlives the engines, in the encoded forms Redis would hold. */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    /** Risk checkpoints as bytes. */
    public static RiskStateStore riskStates() {
        Map<String, byte[]> durable = new HashMap<>();
        return riskStates(durable, durable);
    }

    /** Risk checkpoints loaded from {@code saved} and written to {@code written} (the same map: one Redis). */
    public static RiskStateStore riskStates(Map<String, byte[]> saved, Map<String, byte[]> written) {
        return new RiskStateStore() {
            @Override
            public Optional<byte[]> load(String patientId) {
                return Optional.ofNullable(saved.get(patientId));
            }

            @Override
            public void saveAll(Map<String, byte[]> states) {
                written.putAll(states);
            }
        };
    }

    /** Alert episodes in their text form, one per patient and condition. */
    public static EpisodeStore episodes() {
        Map<String, Map<AlertCondition, String>> durable = new HashMap<>();
        return new EpisodeStore() {
            @Override
            public List<Episode> load(String patientId) {
                List<Episode> out = new ArrayList<>();
                durable.getOrDefault(patientId, Map.of()).values().forEach(text -> out.add(Episode.decode(text)));
                return out;
            }

            @Override
            public void save(String patientId, Episode episode, boolean anyOpen) {
                durable.computeIfAbsent(patientId, k -> new HashMap<>()).put(episode.condition(), episode.encode());
            }
        };
    }
}

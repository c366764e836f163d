package io.vitalstorm.storage.cassandra;

import io.vitalstorm.core.news2.News2Score;

import java.util.HashMap;
import java.util.Map;

/** Subscores as a CQL map keyed by the chart names used everywhere else. */
final class Subscores {

    private Subscores() {
    }

    static Map<String, Integer> of(News2Score score) {
        Map<String, Integer> m = new HashMap<>();
        score.subscores().forEach((p, v) -> m.put(p.jsonName(), v));
        return m;
    }
}

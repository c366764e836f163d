package io.vitalstorm.core.parse;

import io.vitalstorm.core.model.Observation;

import java.util.List;

/**
 * What one input record yielded: one valid observation, a rejection, or, for a FHIR Bundle,
 * the valid entries together with the reasons the other entries were refused (a bad entry
 * must not hold back a good reading of another patient).
 */
public sealed interface ParseResult {

    /** The valid observations, in record order. */
    List<Observation> observations();

    /** Why (parts of) the record were refused; empty when everything was valid. */
    List<Rejection> rejections();

    record Valid(Observation observation) implements ParseResult {
        @Override
        public List<Observation> observations() {
            return List.of(observation);
        }

        @Override
        public List<Rejection> rejections() {
            return List.of();
        }
    }

    record Invalid(Rejection rejection) implements ParseResult {
        @Override
        public List<Observation> observations() {
            return List.of();
        }

        @Override
        public List<Rejection> rejections() {
            return List.of(rejection);
        }
    }

    record Batch(List<Observation> observations, List<Rejection> rejections) implements ParseResult {
        public Batch {
            observations = List.copyOf(observations);
            rejections = List.copyOf(rejections);
        }
    }

    /** All rejections as one, for a single dead-letter entry per input record. */
    static Rejection combine(List<Rejection> rejections) {
        if (rejections.size() == 1) {
            return rejections.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (Rejection r : rejections) {
            sb.append(sb.length() == 0 ? "" : "; ").append(r.message());
        }
        return new Rejection(rejections.get(0).code(), sb.toString());
    }
}

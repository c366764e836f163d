package io.vitalstorm.core.parse;

import io.vitalstorm.core.model.Observation;

/** Either a valid observation or the reason the record was rejected; never both, never neither. */
public sealed interface ParseResult {

    record Valid(Observation observation) implements ParseResult {
    }

    record Invalid(Rejection rejection) implements ParseResult {
    }
}

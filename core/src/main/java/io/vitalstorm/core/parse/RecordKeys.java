package io.vitalstorm.core.parse;

import io.vitalstorm.core.model.Observation;

import java.util.ArrayList;
import java.util.List;

/**
 * The vitals topic is keyed by patient id (a patient's readings stay in order on one partition,
 * and a producer's key is what topic ACLs and audits see). A record must carry only readings of
 * the patient it is keyed to: an observation of another patient — a Bundle keyed to one patient
 * carrying another's readings — is refused, per observation, and the rest kept.
 */
public final class RecordKeys {

    private RecordKeys() {
    }

    /** {@code result} with every observation whose patient is not {@code key} turned into a rejection. */
    public static ParseResult keyedTo(String key, ParseResult result) {
        List<Observation> kept = new ArrayList<>(result.observations().size());
        List<Rejection> rejections = new ArrayList<>(result.rejections());
        for (Observation o : result.observations()) {
            if (o.patientId().equals(key)) {
                kept.add(o);
            } else {
                rejections.add(new Rejection(Rejection.Code.WRONG_KEY, key == null
                        ? "record has no key; key each record by its patient id (observation of '"
                        + o.patientId() + "')"
                        : "observation of patient '" + o.patientId() + "' in a record keyed '" + printable(key)
                                + "': a record's key must be its patient's id"));
            }
        }
        if (kept.size() == result.observations().size()) {
            return result;
        }
        if (kept.isEmpty()) {
            return new ParseResult.Invalid(ParseResult.combine(rejections));
        }
        return new ParseResult.Batch(kept, rejections);
    }

    /** The key as it may be quoted in a reason: at most 64 characters, control characters shown as '?'. */
    private static String printable(String key) {
        String clipped = key.length() <= 64 ? key : key.substring(0, 64) + "…";
        return clipped.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}

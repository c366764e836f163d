package io.vitalstorm.registrysync.adt;

import io.vitalstorm.core.parse.Rejection;

/** An ADT event, or why the message was refused (for the dead-letter topic). */
public record AdtParseResult(AdtEvent event, Rejection rejection) {

    static AdtParseResult ok(AdtEvent e) {
        return new AdtParseResult(e, null);
    }

    static AdtParseResult refused(Rejection.Code code, String message) {
        return new AdtParseResult(null, new Rejection(code, message));
    }
}

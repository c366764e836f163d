package io.vitalstorm.core.alert;

import io.vitalstorm.core.parse.Rejection;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a parsed acknowledgement proves who acted: signed by a known key, the signature
 * matching every field, its {@code ts} within {@code maxAgeMillis} of now, its nonce not seen
 * before (within that window, which is all a nonce must be remembered for), and a person's key
 * acknowledging only as that person. {@code requireSignature=false} is the explicit unsigned mode.
 * Not thread-safe: one per bolt task.
 */
public final class AckVerifier {

    private static final int MAX_NONCES = 200_000;

    private final Map<String, AckKeys.Key> keys;
    private final long maxAgeMillis;
    private final boolean requireSignature;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public AckVerifier(Map<String, AckKeys.Key> keys, long maxAgeMillis, boolean requireSignature) {
        this.keys = Map.copyOf(keys);
        this.maxAgeMillis = maxAgeMillis;
        this.requireSignature = requireSignature;
    }

    /** Null when the acknowledgement is accepted, otherwise why not (never the key or signature). */
    public Rejection check(Acknowledgement a, AcknowledgementParser.Signature s, long now) {
        if (s == null) {
            return requireSignature ? refused("acknowledgement is not signed (vitalstorm.acks.auth=signed)") : null;
        }
        AckKeys.Key key = keys.get(s.keyId());
        if (key == null) {
            return refused("acknowledgement signed with unknown key id " + s.keyId());
        }
        if (!AckSignatures.valid(a, s, key)) {
            return refused("acknowledgement signature does not match (key id " + s.keyId() + ")");
        }
        if (Math.abs(now - a.ts()) > maxAgeMillis) {
            return refused("acknowledgement ts is " + (now - a.ts()) / 1000 + " s from now, more than "
                    + maxAgeMillis / 1000 + " s: stale or replayed");
        }
        if (key.identity() != null && !key.identity().equals(a.by())) {
            return refused("key id " + s.keyId() + " may acknowledge only as " + key.identity() + ", not as " + a.by());
        }
        forgetOlderThan(now - maxAgeMillis);
        if (seen.putIfAbsent(s.keyId() + "/" + s.nonce(), a.ts()) != null) {
            return refused("acknowledgement replayed (nonce already seen for key id " + s.keyId() + ")");
        }
        if (seen.size() > MAX_NONCES) {
            seen.remove(seen.keySet().iterator().next());
        }
        return null;
    }

    private void forgetOlderThan(long oldest) {
        // nonces older than the window are refused as stale anyway; entries are roughly in ts order
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next() >= oldest) {
                return;
            }
            it.remove();
        }
    }

    private static Rejection refused(String why) {
        return new Rejection(Rejection.Code.UNAUTHENTICATED, why);
    }
}

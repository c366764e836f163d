package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.config.AckAuthentication;

import java.nio.file.Path;
import java.util.Map;

/**
 * The keys that {@link AckAuthentication}'s settings name, put to use: the topology's verifier and
 * the signer's key. The settings stay in {@code config}; reading the key files happens here, where
 * the keys are used.
 */
public final class AckCredentials {

    private AckCredentials() {
    }

    /** The verifier of the topology; with {@code signed} and no keys file it refuses every acknowledgement. */
    public static AckVerifier verifier(AckAuthentication auth) {
        Map<String, AckKeys.Key> keys = auth.keysFile().isBlank() ? Map.of()
                : AckKeys.read(AckAuthentication.KEYS_FILE, Path.of(auth.keysFile()));
        return new AckVerifier(keys, auth.maxAgeSeconds() * 1000, auth.requiresSignature());
    }

    /** The signer's key, or null when no signing key file is configured (then acknowledgements go unsigned). */
    public static AckKeys.Key signingKey(AckAuthentication auth) {
        return auth.signingKeyFile().isBlank() ? null
                : AckKeys.single(AckAuthentication.SIGNING_KEY_FILE, Path.of(auth.signingKeyFile()));
    }

    /**
     * Signs an acknowledgement record with the signing key, if one is configured (else it goes
     * unsigned, and a topology with {@code signed} dead-letters it); the key file is read each time,
     * so a rotated key takes effect at once.
     */
    public static ObjectNode signIfKeyed(AckAuthentication auth, ObjectNode ack) {
        AckKeys.Key key = signingKey(auth);
        return key == null ? ack : AckSignatures.sign(ack, key);
    }
}

package io.vitalstorm.core.alert;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AckSignaturesTest {

    /**
     * The signature of one acknowledgement computed outside Java: {@code printf '<canonical form>' | openssl dgst
     * -sha256 -mac HMAC -macopt hexkey:0101..01 -binary}, base64url without padding. A change of the canonical form
     * or of the MAC would invalidate every acknowledgement signed before it.
     */
    @Test
    void acceptsASignatureComputedByOpensslOverTheCanonicalForm() {
        byte[] secret = new byte[AckKeys.MIN_KEY_BYTES];
        Arrays.fill(secret, (byte) 1);
        AckKeys.Key key = new AckKeys.Key("web1", secret, null);
        Acknowledgement ack = new Acknowledgement("P1", "A1", "Dr Osei", 1_800_000_000_000L, "on my way");
        String nonce = "00112233445566778899aabbccddeeff";

        assertThat(new String(AckSignatures.canonical(ack, "web1", nonce), StandardCharsets.UTF_8))
                .isEqualTo("vitalstorm-ack-v1\n4:web1\n32:" + nonce
                        + "\n2:P1\n2:A1\n7:Dr Osei\n13:1800000000000\n10:+on my way\n");
        assertThat(AckSignatures.valid(ack, new AcknowledgementParser.Signature("web1", nonce,
                "DW2n0GlnW5mIRoUviwOJTii34J6Qbt9QpZPnSXpwLAc"), key)).isTrue();
        assertThat(AckSignatures.valid(ack, new AcknowledgementParser.Signature("web1", nonce,
                "DW2n0GlnW5mIRoUviwOJTii34J6Qbt9QpZPnSXpwLAd"), key)).isFalse();
    }
}

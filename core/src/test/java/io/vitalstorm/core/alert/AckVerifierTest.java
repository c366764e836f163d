package io.vitalstorm.core.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.parse.Rejection;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AckVerifierTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long MAX_AGE = 300_000;
    private static final AckKeys.Key WEB = key("web1", 1, null);
    private static final AckKeys.Key OSEI = key("op-osei", 2, "Dr Osei");

    private final AckVerifier verifier = new AckVerifier(Map.of(WEB.id(), WEB, OSEI.id(), OSEI), MAX_AGE, true);

    private static AckKeys.Key key(String id, int fill, String identity) {
        byte[] secret = new byte[AckKeys.MIN_KEY_BYTES];
        java.util.Arrays.fill(secret, (byte) fill);
        return new AckKeys.Key(id, secret, identity);
    }

    /** A signed acknowledgement as the web tier or the CLI would produce it. */
    private record Signed(Acknowledgement ack, AcknowledgementParser.Signature sig) {
        Signed with(Acknowledgement other) {
            return new Signed(other, sig);
        }
    }

    private static Signed signed(AckKeys.Key key, String by, long ts) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("patientId", "P1").put("alertId", "A1").put("by", by)
                .put("ts", ts).put("note", "on my way");
        AckSignatures.sign(node, key);
        return new Signed(new Acknowledgement("P1", "A1", by, ts, "on my way"),
                new AcknowledgementParser.Signature(node.get("keyId").asText(), node.get("nonce").asText(),
                        node.get("sig").asText()));
    }

    private Rejection check(Signed s) {
        return verifier.check(s.ack(), s.sig(), NOW);
    }

    @Test
    void acceptsAServiceKeyForAnyUserAndAPersonsKeyForThatPerson() {
        assertThat(check(signed(WEB, "Nurse Ade", NOW - 1_000))).isNull();
        assertThat(check(signed(OSEI, "Dr Osei", NOW))).isNull();
    }

    @Test
    void refusesEveryChangedFieldAfterSigning() {
        Signed s = signed(WEB, "Dr Osei", NOW);
        Acknowledgement a = s.ack();

        for (Acknowledgement forged : new Acknowledgement[] {
            new Acknowledgement("P2", a.alertId(), a.by(), a.ts(), a.note()),
            new Acknowledgement(a.patientId(), "A2", a.by(), a.ts(), a.note()),
            new Acknowledgement(a.patientId(), a.alertId(), "Dr Evil", a.ts(), a.note()),
            new Acknowledgement(a.patientId(), a.alertId(), a.by(), a.ts() + 1, a.note()),
            new Acknowledgement(a.patientId(), a.alertId(), a.by(), a.ts(), null),
            new Acknowledgement(a.patientId(), a.alertId(), a.by(), a.ts(), "ignore")}) {
            assertThat(check(s.with(forged))).as(forged.toString()).isNotNull()
                    .satisfies(r -> assertThat(r.message()).contains("signature does not match"));
        }
    }

    @Test
    void refusesUnknownKeysWrongSecretsAndUnsignedRecords() {
        Signed byStranger = signed(key("web1", 9, null), "Dr Osei", NOW); // same id, another secret
        Signed unknown = signed(key("web9", 1, null), "Dr Osei", NOW);

        assertThat(check(byStranger).message()).contains("does not match");
        assertThat(check(unknown).message()).contains("unknown key id web9");
        assertThat(verifier.check(byStranger.ack(), null, NOW).code()).isEqualTo(Rejection.Code.UNAUTHENTICATED);
        assertThat(new AckVerifier(Map.of(), MAX_AGE, false).check(byStranger.ack(), null, NOW)).isNull();
    }

    @Test
    void aPersonsKeyCannotActAsSomeoneElse() {
        assertThat(check(signed(OSEI, "Dr Ade", NOW)).message()).contains("may acknowledge only as Dr Osei");
    }

    @Test
    void refusesStaleOrFutureAcknowledgementsAndReplays() {
        Signed fresh = signed(WEB, "Dr Osei", NOW);

        assertThat(check(signed(WEB, "Dr Osei", NOW - MAX_AGE - 1)).message()).contains("stale or replayed");
        assertThat(check(signed(WEB, "Dr Osei", NOW + MAX_AGE + 1)).message()).contains("stale or replayed");
        assertThat(check(fresh)).isNull();
        assertThat(check(fresh).message()).contains("nonce already seen");
    }

    @Test
    void aRejectionNeverCarriesTheSignatureOrTheKey() {
        Signed s = signed(WEB, "Dr Osei", NOW);
        String reason = check(s.with(new Acknowledgement("P2", "A1", "Dr Osei", NOW, "on my way"))).message();

        assertThat(reason).doesNotContain(s.sig().sig())
                .doesNotContain(Base64.getEncoder().encodeToString(WEB.secret()));
    }
}

package io.vitalstorm.bolts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.alert.AckKeys;
import io.vitalstorm.core.alert.AckSignatures;
import io.vitalstorm.core.config.AckAuthentication;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.json.Json;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class AcknowledgementParseBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final BasicOutputCollector out = mock(BasicOutputCollector.class);

    private AcknowledgementParseBolt bolt(Path keys) {
        AcknowledgementParseBolt bolt = new AcknowledgementParseBolt(() -> BoltFixtures.T0);
        Map<String, Object> conf = fx.conf();
        conf.put(AckAuthentication.KEYS_FILE, keys.toString());
        bolt.prepare(conf, fx.context("ack-parse"));
        return bolt;
    }

    private static String ack(String by) {
        ObjectNode a = Json.object().put("patientId", "P1").put("alertId", "a1").put("by", by)
                .put("ts", BoltFixtures.T0);
        return a.toString();
    }

    private static String signed(AckKeys.Key key, String by) throws Exception {
        return AckSignatures.sign((ObjectNode) Json.MAPPER.readTree(ack(by)), key).toString();
    }

    private String reason(AcknowledgementParseBolt bolt, String value) {
        bolt.execute(BoltFixtures.record("P1", value, 1), out);
        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(eq(TupleFields.OUTBOUND_STREAM), letter.capture());
        return DeadLetterAssert.deadLetter(letter.getValue()).get("reason").asText();
    }

    @Test
    void aSignedAcknowledgementGoesOnOnceAndItsReplayIsRefused(@TempDir Path dir) throws Exception {
        Path keys = SecretFiles.write(dir.resolve("keys"), AckKeys.newKeyLine("web1", null));
        AckKeys.Key key = AckKeys.single("k", keys);
        AcknowledgementParseBolt bolt = bolt(keys);
        String record = signed(key, "Dr Osei");
        bolt.execute(BoltFixtures.record("P1", record, 1), out);
        verify(out).emit(any(Values.class));
        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
        assertThat(reason(bolt, record)).contains("replayed");
    }

    @Test
    void unsignedForgedAndUnknownKeyAcknowledgementsAreRefused(@TempDir Path dir) throws Exception {
        Path keys = SecretFiles.write(dir.resolve("keys"), AckKeys.newKeyLine("web1", null));
        Path other = SecretFiles.write(dir.resolve("other"), AckKeys.newKeyLine("web1", null));
        assertThat(reason(bolt(keys), ack("Dr Osei"))).contains("not signed");
        String forged = signed(AckKeys.single("k", keys), "Dr Osei").replace("Dr Osei", "Dr Evil");
        assertThat(reasonFresh(keys, forged)).contains("does not match");
        assertThat(reasonFresh(keys, signed(AckKeys.single("k", other), "Dr Osei"))).contains("does not match");
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "UNAUTHENTICATED")).isEqualTo(3);
    }

    private String reasonFresh(Path keys, String value) {
        BasicOutputCollector o = mock(BasicOutputCollector.class);
        bolt(keys).execute(BoltFixtures.record("P1", value, 1), o);
        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(o).emit(eq(TupleFields.OUTBOUND_STREAM), letter.capture());
        return DeadLetterAssert.deadLetter(letter.getValue()).get("reason").asText();
    }
}

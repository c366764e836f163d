package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.storm.kafka.bolt.KafkaBolt;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The way out to Kafka: a record goes to the topic its tuple names, acked only once the broker has it. */
class KafkaOutBoltsTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final OutputCollector collector = mock(OutputCollector.class);
    private Properties producerProperties;
    private final KafkaBolt<String, byte[]> bolt = KafkaOutBolts.configure(new KafkaBolt<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected Producer<String, byte[]> mkProducer(Properties props) {
            producerProperties = props;
            return producer;
        }
    }, VitalStormSettings.fromMap(fx.conf()));

    KafkaOutBoltsTest() {
        bolt.prepare(fx.conf(), fx.context("kafka-out"), collector);
    }

    private static Tuple outbound(String topic, String key, String message) {
        Tuple t = mock(Tuple.class);
        when(t.contains(TupleFields.TOPIC)).thenReturn(topic != null);
        when(t.getStringByField(TupleFields.TOPIC)).thenReturn(topic);
        when(t.contains(TupleFields.KEY)).thenReturn(true);
        when(t.getValueByField(TupleFields.KEY)).thenReturn(key);
        when(t.contains(TupleFields.MESSAGE)).thenReturn(true);
        when(t.getValueByField(TupleFields.MESSAGE)).thenReturn(message.getBytes(StandardCharsets.UTF_8));
        return t;
    }

    @Test
    void aRecordGoesToTheTuplesTopicByPatientAndIsAckedOnlyWhenTheBrokerHasIt() {
        Tuple t = outbound("vitalstorm.alerts.clinician", "P1", "{\"state\":\"OPEN\"}");
        bolt.execute(t);

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("vitalstorm.alerts.clinician");
        assertThat(sent.key()).isEqualTo("P1");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{\"state\":\"OPEN\"}");
        verify(collector, never()).ack(any());

        producer.completeNext();
        verify(collector).ack(t);
        verify(collector, never()).fail(any());
        assertThat(producerProperties).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }

    @Test
    void aBrokerOutageFailsTheTupleForAReplayAndNeverAcksIt() {
        Tuple t = outbound("vitalstorm.alerts.patient", "P1", "{}");
        bolt.execute(t);
        producer.errorNext(new TimeoutException("no broker"));

        verify(collector).fail(t);
        verify(collector, never()).ack(any());
    }

    @Test
    void aTupleWithoutATopicGoesToTheDeadLetterTopicRatherThanBeingLost() {
        Tuple t = outbound(null, "P1", "{\"reason\":\"wiring\"}");
        bolt.execute(t);
        producer.completeNext();

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("vitalstorm.deadletter");
        verify(collector).ack(t);
    }
}

package io.vitalstorm.bolts.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import org.apache.storm.Config;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** Kryo serializers for the tuple payloads, and their registration in a topology config. */
public final class DomainSerializers {

    private DomainSerializers() {
    }

    public static void register(Config conf) {
        conf.registerSerialization(Observation.class, ObservationSerializer.class);
        conf.registerSerialization(EnrichedObservation.class, EnrichedSerializer.class);
        conf.registerSerialization(ScoredObservation.class, ScoredSerializer.class);
        conf.registerSerialization(AlertEvent.class, AlertSerializer.class);
        conf.registerSerialization(Assessment.class, AssessmentSerializer.class);
        conf.registerSerialization(Acknowledgement.class, AcknowledgementSerializer.class);
    }

    /** Adapts a {@link DomainCodec} write/read pair to Kryo (Storm instantiates serializers by class). */
    abstract static class CodecSerializer<T> extends Serializer<T> {
        private final BiConsumer<Output, T> writer;
        private final Function<Input, T> reader;

        CodecSerializer(BiConsumer<Output, T> writer, Function<Input, T> reader) {
            this.writer = writer;
            this.reader = reader;
        }

        @Override
        public final void write(Kryo kryo, Output output, T value) {
            writer.accept(output, value);
        }

        @Override
        public final T read(Kryo kryo, Input input, Class<? extends T> type) {
            return reader.apply(input);
        }
    }

    public static final class ObservationSerializer extends CodecSerializer<Observation> {
        public ObservationSerializer() {
            super(DomainCodec::writeObservation, DomainCodec::readObservation);
        }
    }

    public static final class EnrichedSerializer extends CodecSerializer<EnrichedObservation> {
        public EnrichedSerializer() {
            super(DomainCodec::writeEnriched, DomainCodec::readEnriched);
        }
    }

    public static final class ScoredSerializer extends CodecSerializer<ScoredObservation> {
        public ScoredSerializer() {
            super(DomainCodec::writeScored, DomainCodec::readScored);
        }
    }

    public static final class AlertSerializer extends CodecSerializer<AlertEvent> {
        public AlertSerializer() {
            super(DomainCodec::writeAlert, DomainCodec::readAlert);
        }
    }

    public static final class AssessmentSerializer extends CodecSerializer<Assessment> {
        public AssessmentSerializer() {
            super(DomainCodec::writeAssessment, DomainCodec::readAssessment);
        }
    }

    public static final class AcknowledgementSerializer extends CodecSerializer<Acknowledgement> {
        public AcknowledgementSerializer() {
            super(DomainCodec::writeAcknowledgement, DomainCodec::readAcknowledgement);
        }
    }
}

package io.vitalstorm.bolts.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.ScoredObservation;
import org.apache.storm.Config;

/** Kryo serializers for the tuple payloads, and their registration in a topology config. */
public final class DomainSerializers {

    private DomainSerializers() {
    }

    public static void register(Config conf) {
        conf.registerSerialization(Observation.class, ObservationSerializer.class);
        conf.registerSerialization(EnrichedObservation.class, EnrichedSerializer.class);
        conf.registerSerialization(ScoredObservation.class, ScoredSerializer.class);
        conf.registerSerialization(AlertEvent.class, AlertSerializer.class);
    }

    public static final class ObservationSerializer extends Serializer<Observation> {
        @Override
        public void write(Kryo kryo, Output output, Observation o) {
            DomainCodec.writeObservation(output, o);
        }

        @Override
        public Observation read(Kryo kryo, Input input, Class<? extends Observation> type) {
            return DomainCodec.readObservation(input);
        }
    }

    public static final class EnrichedSerializer extends Serializer<EnrichedObservation> {
        @Override
        public void write(Kryo kryo, Output output, EnrichedObservation e) {
            DomainCodec.writeEnriched(output, e);
        }

        @Override
        public EnrichedObservation read(Kryo kryo, Input input, Class<? extends EnrichedObservation> type) {
            return DomainCodec.readEnriched(input);
        }
    }

    public static final class ScoredSerializer extends Serializer<ScoredObservation> {
        @Override
        public void write(Kryo kryo, Output output, ScoredObservation s) {
            DomainCodec.writeScored(output, s);
        }

        @Override
        public ScoredObservation read(Kryo kryo, Input input, Class<? extends ScoredObservation> type) {
            return DomainCodec.readScored(input);
        }
    }

    public static final class AlertSerializer extends Serializer<AlertEvent> {
        @Override
        public void write(Kryo kryo, Output output, AlertEvent a) {
            DomainCodec.writeAlert(output, a);
        }

        @Override
        public AlertEvent read(Kryo kryo, Input input, Class<? extends AlertEvent> type) {
            return DomainCodec.readAlert(input);
        }
    }
}

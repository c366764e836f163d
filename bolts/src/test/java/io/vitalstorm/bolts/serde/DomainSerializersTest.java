package io.vitalstorm.bolts.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What crosses between workers comes back equal, including absent vitals and unknown patients. */
class DomainSerializersTest {

    private static final Observation FULL = new Observation("P1", "band-1", 1_795_000_000_000L, 131.0, 26.0, 91.0,
            88.0, 39.4, Consciousness.VOICE, true);
    private static final Observation PARTIAL = new Observation("P2", null, 1_795_000_000_000L, 72.5, null, 97.0,
            null, null, null, null);

    private static <T> T roundTrip(T value, Serializer<T> serializer) {
        Kryo kryo = new Kryo();
        Output out = new Output(256, -1);
        serializer.write(kryo, out, value);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        return serializer.read(kryo, new Input(out.toBytes()), type);
    }

    private static ScoredObservation scored(Observation o, PatientProfile p, boolean known) {
        return new News2Scorer(ScoringTables.RCP_2017).score(new EnrichedObservation(o, p, known));
    }

    @Test
    void observationsWithAndWithoutEveryVital() {
        assertThat(roundTrip(FULL, new DomainSerializers.ObservationSerializer())).isEqualTo(FULL);
        assertThat(roundTrip(PARTIAL, new DomainSerializers.ObservationSerializer())).isEqualTo(PARTIAL);
    }

    @Test
    void enrichedAndScoredObservations() {
        PatientProfile copd = new PatientProfile("P1", "Name", 70, "W1", "Team", "Dr X", Spo2Scale.SCALE_2, "sms:1");
        EnrichedObservation known = new EnrichedObservation(FULL, copd, true);
        EnrichedObservation unknown = new EnrichedObservation(PARTIAL, PatientProfile.unknown("P2"), false);
        assertThat(roundTrip(known, new DomainSerializers.EnrichedSerializer())).isEqualTo(known);
        assertThat(roundTrip(unknown, new DomainSerializers.EnrichedSerializer())).isEqualTo(unknown);

        ScoredObservation high = scored(FULL, copd, true);
        ScoredObservation back = roundTrip(high, new DomainSerializers.ScoredSerializer());
        assertThat(back).isEqualTo(high);
        assertThat(back.score().total()).isEqualTo(high.score().total()).isGreaterThan(7);
        ScoredObservation partial = scored(PARTIAL, PatientProfile.unknown("P2"), false);
        assertThat(roundTrip(partial, new DomainSerializers.ScoredSerializer()).score().missing())
                .isEqualTo(partial.score().missing()).hasSize(5);
    }

    @Test
    void alertEventsAssessmentsAndAcknowledgements() {
        ScoredObservation high = scored(FULL, PatientProfile.unknown("P1"), false);
        Assessment assessment = new RiskAssessor(RiskStateStore.none())
                .assess(new EnrichedObservation(FULL, PatientProfile.unknown("P1"), false), Thresholds.DEFAULTS);
        assertThat(assessment.news2().active()).as("a complete set is a spot check").isTrue();
        assertThat(roundTrip(assessment, new DomainSerializers.AssessmentSerializer())).isEqualTo(assessment);
        Assessment replayed = new Assessment(assessment.scored(), false, assessment.news2(), assessment.trend(), true);
        assertThat(roundTrip(replayed, new DomainSerializers.AssessmentSerializer()).duplicate())
                .as("the alert bolt must know a replay").isTrue();

        AlertEvent event = new AlertEngine().onAssessment(assessment, Thresholds.DEFAULTS, 0L).get(0);
        assertThat(roundTrip(event, new DomainSerializers.AlertSerializer())).isEqualTo(event);
        AlertEvent acknowledged = new AlertEvent("e", "a", AlertCondition.NO_DATA, AlertState.ACKNOWLEDGED,
                RiskBand.LOW,
                0, "acknowledged by Dr X", 5L, "Dr X", high);
        assertThat(roundTrip(acknowledged, new DomainSerializers.AlertSerializer())).isEqualTo(acknowledged);

        Acknowledgement ack = new Acknowledgement("P1", "a", "Dr X", 7L, null);
        assertThat(roundTrip(ack, new DomainSerializers.AcknowledgementSerializer())).isEqualTo(ack);
    }

    @Test
    void carriedParametersSurvive() {
        ScoredObservation s = scored(PARTIAL, PatientProfile.unknown("P2"), false);
        ScoredObservation carried = new ScoredObservation(s.enriched(),
                s.score().withCarried(java.util.EnumSet.of(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE)));
        assertThat(roundTrip(carried, new DomainSerializers.ScoredSerializer()).score().carried())
                .containsExactlyInAnyOrder(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE);
    }
}

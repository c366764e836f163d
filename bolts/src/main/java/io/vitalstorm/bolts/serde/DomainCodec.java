package io.vitalstorm.bolts.serde;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.News2Score;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.Finding;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Hand-written binary layout of the domain types that travel between workers. Explicit beats
 * reflective here: records and unmodifiable maps need no Kryo instantiation tricks, the format
 * is compact (an observation is ~60 bytes), and a field added to a record fails this code's
 * compile instead of a worker at run time.
 */
final class DomainCodec {

    private static final byte ABSENT = -1;

    private DomainCodec() {
    }

    static void writeObservation(Output out, Observation o) {
        out.writeString(o.patientId());
        out.writeString(o.deviceId());
        out.writeLong(o.ts());
        writeNullable(out, o.heartRate());
        writeNullable(out, o.respiratoryRate());
        writeNullable(out, o.spo2());
        writeNullable(out, o.systolicBp());
        writeNullable(out, o.temperature());
        out.writeByte(o.consciousness() == null ? ABSENT : o.consciousness().ordinal());
        out.writeByte(o.onOxygen() == null ? ABSENT : o.onOxygen() ? 1 : 0);
    }

    static Observation readObservation(Input in) {
        String patientId = in.readString();
        String deviceId = in.readString();
        long ts = in.readLong();
        Double hr = readNullable(in);
        Double rr = readNullable(in);
        Double spo2 = readNullable(in);
        Double sbp = readNullable(in);
        Double temp = readNullable(in);
        byte acvpu = in.readByte();
        byte oxygen = in.readByte();
        return new Observation(patientId, deviceId, ts, hr, rr, spo2, sbp, temp,
                acvpu == ABSENT ? null : Consciousness.values()[acvpu],
                oxygen == ABSENT ? null : oxygen == 1);
    }

    static void writeProfile(Output out, PatientProfile p) {
        out.writeString(p.patientId());
        out.writeString(p.displayName());
        out.writeInt(p.age() == null ? -1 : p.age());
        out.writeString(p.ward());
        out.writeString(p.careTeam());
        out.writeString(p.responsibleDoctor());
        out.writeByte(p.spo2Scale().number());
        out.writeString(p.contactChannel());
    }

    static PatientProfile readProfile(Input in) {
        String id = in.readString();
        String name = in.readString();
        int age = in.readInt();
        String ward = in.readString();
        String team = in.readString();
        String doctor = in.readString();
        Spo2Scale scale = Spo2Scale.of(in.readByte());
        String contact = in.readString();
        return new PatientProfile(id, name, age < 0 ? null : age, ward, team, doctor, scale, contact);
    }

    static void writeEnriched(Output out, EnrichedObservation e) {
        writeObservation(out, e.observation());
        writeProfile(out, e.profile());
        out.writeBoolean(e.knownPatient());
    }

    static EnrichedObservation readEnriched(Input in) {
        return new EnrichedObservation(readObservation(in), readProfile(in), in.readBoolean());
    }

    static void writeScored(Output out, ScoredObservation s) {
        writeEnriched(out, s.enriched());
        News2Score score = s.score();
        out.writeByte(score.total());
        out.writeByte(score.band().ordinal());
        int carried = 0;
        for (Parameter p : Parameter.values()) {
            Integer v = score.subscores().get(p);
            out.writeByte(v == null ? ABSENT : v);
            carried |= score.carried().contains(p) ? 1 << p.ordinal() : 0;
        }
        out.writeByte(carried);
    }

    static ScoredObservation readScored(Input in) {
        EnrichedObservation e = readEnriched(in);
        int total = in.readByte();
        RiskBand band = RiskBand.values()[in.readByte()];
        Map<Parameter, Integer> sub = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            byte v = in.readByte();
            if (v != ABSENT) {
                sub.put(p, (int) v);
            }
        }
        int carriedBits = in.readByte();
        Set<Parameter> carried = EnumSet.noneOf(Parameter.class);
        for (Parameter p : Parameter.values()) {
            if ((carriedBits & (1 << p.ordinal())) != 0) {
                carried.add(p);
            }
        }
        return new ScoredObservation(e, new News2Score(total, band, sub, carried));
    }

    static void writeAlert(Output out, AlertEvent a) {
        out.writeString(a.eventId());
        out.writeString(a.alertId());
        out.writeByte(a.condition().ordinal());
        out.writeByte(a.state().ordinal());
        out.writeByte(a.band().ordinal());
        out.writeByte(a.news2());
        out.writeString(a.reason());
        out.writeLong(a.ts());
        out.writeString(a.actor());
        writeScored(out, a.cause());
    }

    static AlertEvent readAlert(Input in) {
        String eventId = in.readString();
        String alertId = in.readString();
        AlertCondition condition = AlertCondition.values()[in.readByte()];
        AlertState state = AlertState.values()[in.readByte()];
        RiskBand band = RiskBand.values()[in.readByte()];
        int news2 = in.readByte();
        String reason = in.readString();
        long ts = in.readLong();
        String actor = in.readString();
        return new AlertEvent(eventId, alertId, condition, state, band, news2, reason, ts, actor, readScored(in));
    }

    static void writeAssessment(Output out, Assessment a) {
        writeScored(out, a.scored());
        out.writeBoolean(a.late());
        writeFinding(out, a.news2());
        writeFinding(out, a.trend());
        out.writeBoolean(a.duplicate());
    }

    static Assessment readAssessment(Input in) {
        ScoredObservation scored = readScored(in);
        boolean late = in.readBoolean();
        Finding news2 = readFinding(in);
        Finding trend = readFinding(in);
        return new Assessment(scored, late, news2, trend, in.readBoolean());
    }

    private static void writeFinding(Output out, Finding f) {
        out.writeByte(f.condition().ordinal());
        out.writeBoolean(f.active());
        out.writeByte(f.band().ordinal());
        out.writeByte(f.news2());
        out.writeString(f.reason());
    }

    private static Finding readFinding(Input in) {
        return new Finding(AlertCondition.values()[in.readByte()], in.readBoolean(), RiskBand.values()[in.readByte()],
                in.readByte(), in.readString());
    }

    static void writeAcknowledgement(Output out, Acknowledgement a) {
        out.writeString(a.patientId());
        out.writeString(a.alertId());
        out.writeString(a.by());
        out.writeLong(a.ts());
        out.writeString(a.note());
    }

    static Acknowledgement readAcknowledgement(Input in) {
        return new Acknowledgement(in.readString(), in.readString(), in.readString(), in.readLong(), in.readString());
    }

    private static void writeNullable(Output out, Double v) {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    private static Double readNullable(Input in) {
        return in.readBoolean() ? in.readDouble() : null;
    }
}

package io.vitalstorm.core.scenario;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientIdentifier;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * FHIR R4 resources in the shapes the implementation guides publish — HL7 core vital-signs
 * examples, US Core, AU Core, IPS, the Belgian patient-monitoring guide, PHD gateways, UK NEWS2
 * profiles — written for VitalStorm (no file copied), each with what the reader must make of it:
 * the observations it yields and the fragments every refusal reason must contain. The same cases
 * run through the parser, {@code replay} and the topology.
 */
public final class FhirCorpus {

    /** The MRN system of the corpus's hospital. */
    public static final String MRN = "http://hospital.example.org/fhir/mrn";

    /** One resource (a single line of JSON), its guide, the observations it yields and the refusal fragments. */
    public record Case(String name, String guide, String patientId, String json, List<Observation> expected,
                       List<String> refusals) {
    }

    private FhirCorpus() {
    }

    /** Every case; patients are {@code prefix} + a short name, times from {@code t0} on, a minute apart. */
    public static List<Case> all(String prefix, long t0) {
        List<Case> out = new ArrayList<>();
        String p = prefix;
        out.add(new Case("hl7-core-heart-rate", "HL7 FHIR R4 vital signs", p + "HR", observation(p + "HR", t0, """
                "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category",\
                "code":"vital-signs"}]}],
                "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}],\
                "text":"Heart rate"},
                "valueQuantity":{"value":44,"unit":"beats/minute","system":"http://unitsofmeasure.org",\
                "code":"/min"}"""),
                List.of(obs(p + "HR", t0).hr(44).build()), List.of()));
        out.add(new Case("hl7-core-bp-panel", "HL7 FHIR R4 vital signs", p + "BP", observation(p + "BP", t0 + MIN, """
                "code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel"}]},
                "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},
                "valueQuantity":{"value":107,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},
                "valueQuantity":{"value":60,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]"""),
                List.of(obs(p + "BP", t0 + MIN).sbp(107).build()), List.of()));
        out.add(new Case("us-core-pulse-oximetry-on-oxygen", "US Core pulse oximetry", p + "OX",
                observation(p + "OX", t0 + 2 * MIN, """
                "code":{"coding":[{"system":"http://loinc.org","code":"2708-6"},{"system":"http://loinc.org",\
                "code":"59408-5"},
                {"system":"urn:iso:std:iso:11073:10101","code":"150456"}]},
                "valueQuantity":{"value":95,"unit":"%","system":"http://unitsofmeasure.org","code":"%"},
                "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"3151-8",\
                "display":"Inhaled oxygen flow rate"}]},
                "valueQuantity":{"value":6,"unit":"liters/min","system":"http://unitsofmeasure.org","code":"L/min"}},
                {"code":{"coding":[{"system":"http://loinc.org","code":"3150-0",\
                "display":"Inhaled oxygen concentration"}]},
                "valueQuantity":{"value":40,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}]"""),
                List.of(obs(p + "OX", t0 + 2 * MIN).spo2(95).oxygen(true)), List.of()));
        out.add(new Case("temperature-site-code-first", "AU Core body temperature", p + "TEMP",
                observation(p + "TEMP", t0 + 3 * MIN, """
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"276885007",\
                "display":"Core body temperature"},
                {"system":"http://loinc.org","code":"8310-5","display":"Body temperature"}]},
                "valueQuantity":{"value":38.4,"unit":"degrees C","system":"http://unitsofmeasure.org","code":"Cel"}"""),
                List.of(obs(p + "TEMP", t0 + 3 * MIN).temp(38.4).build()), List.of()));
        out.add(new Case("ips-vital-signs-panel-one-bad-component", "IPS vital signs", p + "PANEL",
                observation(p + "PANEL", t0 + 4 * MIN, """
                "code":{"coding":[{"system":"http://loinc.org","code":"85353-1"}]},
                "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                "valueQuantity":{"value":96,"system":"http://unitsofmeasure.org","code":"/min"}},
                {"code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},
                "valueQuantity":{"value":94,"unit":"percent"}},
                {"code":{"coding":[{"system":"http://loinc.org","code":"9279-1"}]},
                "valueQuantity":{"value":21,"system":"http://unitsofmeasure.org","code":"/min"}}]"""),
                List.of(obs(p + "PANEL", t0 + 4 * MIN).hr(96).rr(21).build()),
                List.of("component 1 (LOINC 59408-5)", "spo2 unit 'percent'")));
        out.add(new Case("be-monitoring-one-minute-period", "Belgian patient monitoring (wearable)", p + "WEAR",
                observationWithTime(p + "WEAR", """
                "effectivePeriod":{"start":"%s","end":"%s"},""".formatted(iso(t0 + 4 * MIN), iso(t0 + 5 * MIN)), """
                "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                "valueQuantity":{"value":88,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}"""),
                List.of(obs(p + "WEAR", t0 + 5 * MIN).hr(88).build()), List.of()));
        out.add(new Case("phd-gateway-transaction", "PHD gateway (IEEE 11073 via FHIR)", p + "PHD",
                phdTransaction(p + "PHD", t0 + 6 * MIN),
                List.of(obs(p + "PHD", t0 + 6 * MIN).spo2(93).hr(102).build(),
                        obs(p + "PHD", t0 + 6 * MIN + 30_000).sbp(101).build()), List.of()));
        out.add(new Case("uk-news2-acvpu", "UK NEWS2 level of consciousness", p + "ACVPU",
                observation(p + "ACVPU", t0 + 7 * MIN, """
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"1104441000000107",\
                "display":"ACVPU scale score"}]},
                "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"300202002",\
                "display":"Responds to voice"}]}"""),
                List.of(obs(p + "ACVPU", t0 + 7 * MIN).acvpu(Consciousness.VOICE).build()), List.of()));
        out.add(new Case("uk-news2-room-air", "UK NEWS2 air or oxygen", p + "AIR",
                observation(p + "AIR", t0 + 8 * MIN, """
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"722742002",\
                "display":"Breathing room air"}]}"""),
                List.of(obs(p + "AIR", t0 + 8 * MIN).oxygen(false)), List.of()));
        out.add(new Case("snomed-only-unknown", "any (body weight, not a NEWS2 vital)", p + "WEIGHT",
                observation(p + "WEIGHT", t0 + 9 * MIN, """
                "code":{"coding":[{"system":"http://snomed.info/sct","code":"27113001","display":"Body weight"}]},
                "valueQuantity":{"value":72,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}"""),
                List.of(), List.of("UNKNOWN_CODE", "SNOMED 27113001")));
        out.add(new Case("every-problem-listed", "any (broken)", p + "BROKEN", line("""
                {"resourceType":"Observation","status":"final","subject":{"reference":"Group/Patient/%s"},
                "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                "valueQuantity":{"value":80,"unit":"Hz","system":"http://unitsofmeasure.org",\
                "code":"Hz"}}""".formatted(p + "BROKEN")),
                List.of(), List.of("subject.reference must be exactly \"Patient/<id>\"",
                        "effectiveDateTime, effectiveInstant or effectivePeriod is required", "heartRate unit 'Hz'")));
        return List.copyOf(out);
    }

    /**
     * The case whose subject is given by identifier only: resolved where the registry's identifier index is at hand.
     */
    public static Case identifierSubject(String prefix, long t0) {
        String patient = prefix + "MRN";
        String json = """
                {"resourceType":"Observation","status":"final","subject":{"identifier":{"system":"%s","value":"%s"}},
                "effectiveDateTime":"%s","code":{"coding":[{"system":"http://loinc.org","code":"9279-1"}]},
                "valueQuantity":{"value":19,"unit":"breaths/minute","system":"http://unitsofmeasure.org",\
                "code":"/min"}}"""
                .formatted(MRN, mrn(patient), iso(t0 + 10 * MIN));
        return new Case("identifier-subject", "US Core / AU Core (subject by MRN)", patient, line(json),
                List.of(obs(patient, t0 + 10 * MIN).rr(19).build()), List.of());
    }

    /** The registry profile of a case's patient, with its MRN. */
    public static PatientProfile profile(Case c) {
        return new PatientProfile(c.patientId(), "FHIR " + c.name(), 64, "Ward-FHIR", "FHIR team", "Dr Osei",
                Spo2Scale.SCALE_1,
                "app:" + c.patientId(), List.of(new PatientIdentifier(MRN, mrn(c.patientId()))));
    }

    private static String mrn(String patientId) {
        return "MRN-" + patientId;
    }

    private static final long MIN = 60_000;

    /** The oximeter's reading at {@code t}, the cuff's 30 s later (a gateway relays both in one upload). */
    private static String phdTransaction(String patient, long t) {
        String when = iso(t);
        String cuffTime = iso(t + 30_000);
        return line("""
                {"resourceType":"Bundle","type":"transaction","entry":[
                {"fullUrl":"urn:uuid:8f2e1c3a-0b6d-4c1e-9a57-3d0c6b2a1f10","resource":{"resourceType":"Patient",\
                "id":"%1$s",
                "identifier":[{"system":"%2$s","value":"%3$s"}]},"request":{"method":"PUT","url":"Patient/%1$s"}},
                {"fullUrl":"urn:uuid:2b7d4e90-6c1a-4f3b-8e25-91a0c4d7e3b2","resource":{"resourceType":"Device",
                "identifier":[{"system":"urn:oid:1.2.840.10004.1.1.1.0.0.1.0.0.1.2680",\
                "value":"00-1C-05-FF-FE-01-23-45"}]}},
                {"fullUrl":"urn:uuid:c41f8a2e-7d3b-4e6a-b1c9-5f2e8d0a6b71","resource":{"resourceType":"Observation",\
                "status":"final",
                "subject":{"reference":"urn:uuid:8f2e1c3a-0b6d-4c1e-9a57-3d0c6b2a1f10"},"effectiveDateTime":"%4$s",
                "code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"150456"},\
                {"system":"http://loinc.org","code":"59408-5"}]},
                "valueQuantity":{"value":93,"unit":"%%","system":"http://unitsofmeasure.org","code":"%%"},
                "component":[{"code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"149530"}]},
                "valueQuantity":{"value":102,"system":"http://unitsofmeasure.org","code":"/min"}}]}},
                {"fullUrl":"urn:uuid:e6a0d2b4-3f1c-4a8e-9d07-b2c5f1e8a493","resource":{"resourceType":"Observation",\
                "status":"final",
                "subject":{"reference":"urn:uuid:8f2e1c3a-0b6d-4c1e-9a57-3d0c6b2a1f10"},"effectiveDateTime":"%5$s",
                "code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"150020"},\
                {"system":"http://loinc.org","code":"85354-9"}]},
                "component":[{"code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"150021"},\
                {"system":"http://loinc.org","code":"8480-6"}]},
                "valueQuantity":{"value":101,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                {"code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"150022"},\
                {"system":"http://loinc.org","code":"8462-4"}]},
                "valueQuantity":{"value":66,"system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
                {"code":{"coding":[{"system":"urn:iso:std:iso:11073:10101","code":"150023"}]},
                "valueQuantity":{"value":78,"system":"http://unitsofmeasure.org",\
                "code":"mm[Hg]"}}]}}]}""".formatted(patient, MRN, mrn(patient), when, cuffTime));
    }

    private static String observation(String patient, long t, String body) {
        return observationWithTime(patient, "\"effectiveDateTime\":\"" + iso(t) + "\",", body);
    }

    private static String observationWithTime(String patient, String time, String body) {
        return line("{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/"
                + patient + "\"},"
                + time + body + "}");
    }

    /** The resource on one line (replay reads one record per line). */
    private static String line(String json) {
        try {
            return Json.MAPPER.readTree(json).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("corpus resource is not JSON: " + json, e);
        }
    }

    private static String iso(long t) {
        return Instant.ofEpochMilli(t).toString();
    }

    private static Expect obs(String patient, long ts) {
        return new Expect(patient, ts);
    }

    /** A small builder for the expected observation. */
    private static final class Expect {
        private final String patient;
        private final long ts;
        private Double hr;
        private Double rr;
        private Double spo2;
        private Double sbp;
        private Double temp;
        private Consciousness acvpu;
        private Boolean oxygen;

        Expect(String patient, long ts) {
            this.patient = patient;
            this.ts = ts;
        }

        Expect hr(double v) {
            hr = v;
            return this;
        }

        Expect rr(double v) {
            rr = v;
            return this;
        }

        Expect spo2(double v) {
            spo2 = v;
            return this;
        }

        Expect sbp(double v) {
            sbp = v;
            return this;
        }

        Expect temp(double v) {
            temp = v;
            return this;
        }

        Expect acvpu(Consciousness c) {
            acvpu = c;
            return this;
        }

        Observation oxygen(boolean on) {
            oxygen = on;
            return build();
        }

        Observation build() {
            return new Observation(patient, null, ts, hr, rr, spo2, sbp, temp, acvpu, oxygen);
        }
    }
}

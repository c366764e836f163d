package io.vitalstorm.storage.kafka;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The least-privilege topic ACLs of each VitalStorm principal (docs/security.md lists the same):
 * the topology reads vitals, acknowledgements, history and ADT events and writes alerts, dead letters,
 * summaries and history; a device only writes vitals; a clinicians' tool only writes
 * acknowledgements. Nobody but the administrator creates or deletes topics.
 */
public final class TopicAcls {

    private TopicAcls() {
    }

    public static List<AclBinding> topology(VitalStormSettings s, String user) {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : List.of(s.vitalsTopic(), s.acknowledgementsTopic(), s.historyTopic(), s.adtTopic())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
        }
        for (String topic : List.of(s.clinicianAlertsTopic(), s.patientAlertsTopic(), s.deadLetterTopic(),
                s.summariesTopic(), s.historyTopic())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        // the spouts' groups: <group>, <group>-acks, <group>-history, <group>-adt
        acls.add(allow(user, ResourceType.GROUP, s.consumerGroup(), PatternType.PREFIXED, AclOperation.READ));
        return acls;
    }

    public static List<AclBinding> device(VitalStormSettings s, String user) {
        return List.of(allow(user, ResourceType.TOPIC, s.vitalsTopic(), PatternType.LITERAL, AclOperation.WRITE));
    }

    public static List<AclBinding> clinicianTool(VitalStormSettings s, String user) {
        return List.of(
                allow(user, ResourceType.TOPIC, s.acknowledgementsTopic(), PatternType.LITERAL, AclOperation.WRITE));
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }
}

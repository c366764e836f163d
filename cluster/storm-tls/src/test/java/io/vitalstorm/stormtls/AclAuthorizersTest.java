package io.vitalstorm.stormtls;

import org.apache.storm.security.auth.IAuthorizer;
import org.apache.storm.security.auth.ReqContext;
import org.apache.storm.security.auth.SingleUserPrincipal;
import org.apache.storm.security.auth.authorizer.SimpleACLAuthorizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACLs the storm role writes (admin = the client host, supervisors, Nimbus hosts, nimbus.users = the
 * admins), callers named by the subject MutualTlsTransportPlugin stores.
 */
class AclAuthorizersTest {
    private static final Map<String, Object> CONF = Map.of(
            "storm.principal.tolocal", CommonNameToLocal.class.getName(),
            "nimbus.admins", List.of("vs-client"),
            "nimbus.users", List.of("vs-client"),
            "nimbus.supervisor.users", List.of("vs-s1", "vs-s2"),
            "nimbus.daemon.users", List.of("vs-n1"));
    /** A topology submitted by the client host: Nimbus puts the submitter's local name into topology.users. */
    private static final Map<String, Object> TOPOLOGY =
            Map.of("topology.name", "vitalstorm", "topology.users", List.of("vs-client"));

    private static ReqContext caller(String subject) {
        Subject who = new Subject();
        who.getPrincipals().add(new SingleUserPrincipal(subject));
        return new ReqContext(who);
    }

    private static IAuthorizer prepared(IAuthorizer authorizer) {
        authorizer.prepare(CONF);
        return authorizer;
    }

    @ParameterizedTest
    @ValueSource(strings = {"submitTopology", "fileUpload", "killTopology", "getClusterInfo", "rebalance", "getLeader"})
    void theAdminMayDoAnything(String operation) {
        ReqContext admin = caller("CN=vs-client");
        assertThat(prepared(new NimbusAclAuthorizer()).permit(admin, operation, TOPOLOGY)).isTrue();
        assertThat(prepared(new SupervisorAclAuthorizer()).permit(admin, operation, TOPOLOGY)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"getLeader", "getSupervisorAssignments", "sendSupervisorWorkerHeartbeats", "fileDownload",
                            "processWorkerMetrics", "sendSupervisorWorkerHeartbeat"})
    void aSupervisorHostReachesNimbusAsASupervisor(String operation) {
        assertThat(prepared(new NimbusAclAuthorizer()).permit(caller("CN=vs-s1"), operation, TOPOLOGY)).isTrue();
    }

    @Test
    void stormsOwnAuthorizerLocksSupervisorsOutAtGetLeader() {
        // why NimbusAclAuthorizer exists: NimbusClient asks for the leader first
        IAuthorizer storms = prepared(new SimpleACLAuthorizer());
        assertThat(storms.permit(caller("CN=vs-s1"), "getLeader", Map.of())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"submitTopology", "fileUpload", "killTopology", "getClusterInfo", "getTopologyConf",
                            "rebalance", "deactivate", "uploadNewCredentials", "getNimbusConf", "beginFileUpload"})
    void aSupervisorHostMayNotSubmitKillOrRead(String operation) {
        assertThat(prepared(new NimbusAclAuthorizer()).permit(caller("CN=vs-s1"), operation, TOPOLOGY)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=vs-other", "CN=vs-n1", "CN=vs-client, CN=vs-other", "CN=vs-client\\, O=x",
                            "O=VitalStorm", "CN=ANONYMOUS", ""})
    // (SimpleACLAuthorizer also matches the subject itself against the ACLs: a subject as the plugin stores it
    // always has "=" or is empty, an ACL entry the role writes is a host name)
    void anyOtherCertificateIsRefusedEverything(String subject) {
        IAuthorizer nimbus = prepared(new NimbusAclAuthorizer());
        for (String operation : List.of("submitTopology", "fileUpload", "killTopology", "getClusterInfo", "getLeader",
                "getSupervisorAssignments", "sendSupervisorWorkerHeartbeats", "getTopologyConf")) {
            assertThat(nimbus.permit(caller(subject), operation, TOPOLOGY)).as(subject + " " + operation).isFalse();
        }
    }

    @Test
    void nimbusSendsAssignmentsToTheSupervisors() {
        IAuthorizer supervisor = prepared(new SupervisorAclAuthorizer());
        assertThat(supervisor.permit(caller("CN=vs-n1"), "sendSupervisorAssignments", Map.of())).isTrue();
        assertThat(supervisor.permit(caller("CN=vs-s1"), "sendSupervisorAssignments", Map.of())).isFalse();
        assertThat(supervisor.permit(caller("CN=vs-other"), "sendSupervisorAssignments", Map.of())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"getLocalAssignmentForStorm", "sendSupervisorWorkerHeartbeat"})
    void theWorkersOfASupervisorHostReachTheirSupervisor(String operation) {
        IAuthorizer supervisor = prepared(new SupervisorAclAuthorizer());
        assertThat(supervisor.permit(caller("CN=vs-s2"), operation, TOPOLOGY)).isTrue();
        assertThat(supervisor.permit(caller("CN=vs-other"), operation, TOPOLOGY)).isFalse();
        assertThat(supervisor.permit(caller("CN=ANONYMOUS"), operation, TOPOLOGY)).isFalse();
    }
}

package io.vitalstorm.stormtls;

import org.apache.storm.security.auth.authorizer.SimpleACLAuthorizer;

/**
 * Storm's {@link SimpleACLAuthorizer} for Nimbus ({@code nimbus.authorizer}), with the two calls the
 * Supervisor hosts' certificates must make besides Storm's supervisor operations:
 * <ul>
 *   <li>{@code getLeader}: every Storm client asks a seed for the leader before anything else
 *       ({@code NimbusClient.Builder.build()}); SimpleACLAuthorizer lets a {@code nimbus.supervisor.users}
 *       caller make only the supervisor operations, so a Supervisor could not reach Nimbus at all;</li>
 *   <li>{@code sendSupervisorWorkerHeartbeat}: a worker whose Supervisor does not answer sends its
 *       heartbeat to Nimbus itself, with the host's certificate (the same as its Supervisor, which sends
 *       every worker's heartbeats anyway through {@code sendSupervisorWorkerHeartbeats}).</li>
 * </ul>
 * Admins, {@code nimbus.users} and topology ACLs are Storm's. Neither call reads or changes a topology.
 */
public final class NimbusAclAuthorizer extends SimpleACLAuthorizer {

    public NimbusAclAuthorizer() {
        supervisorCommands.add("getLeader");
        supervisorCommands.add("sendSupervisorWorkerHeartbeat");
    }
}

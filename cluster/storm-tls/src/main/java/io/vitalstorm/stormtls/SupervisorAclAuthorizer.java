package io.vitalstorm.stormtls;

import org.apache.storm.Config;
import org.apache.storm.security.auth.ReqContext;
import org.apache.storm.security.auth.authorizer.SupervisorSimpleACLAuthorizer;
import org.apache.storm.utils.ObjectReader;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Storm's {@link SupervisorSimpleACLAuthorizer} for the Supervisors' Thrift API ({@code supervisor.authorizer};
 * a Supervisor refuses to start when {@code nimbus.authorizer} is set and this is not): Nimbus
 * ({@code nimbus.daemon.users}) sends assignments, admins may do anything, and the workers' two calls
 * ({@code getLocalAssignmentForStorm}, {@code sendSupervisorWorkerHeartbeat}) are allowed to the
 * Supervisor hosts ({@code nimbus.supervisor.users}): a worker presents its host's certificate, which
 * is not the topology's submitter that Storm's authorizer looks for in {@code topology.users}.
 */
public final class SupervisorAclAuthorizer extends SupervisorSimpleACLAuthorizer {
    private Set<String> supervisorHosts = Set.of();

    @Override
    public void prepare(Map<String, Object> conf) {
        super.prepare(conf);
        supervisorHosts = new HashSet<>(ObjectReader.getStrings(conf.get(Config.NIMBUS_SUPERVISOR_USERS)));
    }

    @Override
    public boolean permit(ReqContext context, String operation, Map<String, Object> topoConf) {
        if (topoCommands.contains(operation) && supervisorHosts.contains(ptol.toLocal(context.principal()))) {
            return true;
        }
        return super.permit(context, operation, topoConf);
    }
}

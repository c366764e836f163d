package io.vitalstorm.stormtls;

import org.apache.storm.security.auth.IPrincipalToLocal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Storm's {@code storm.principal.tolocal} for {@link MutualTlsTransportPlugin}'s callers: the subject of
 * the peer's certificate (RFC 2253, e.g. {@code CN=vs-h1,O=VitalStorm}) becomes its common name
 * ({@code vs-h1}), the name the storm role lists in {@code nimbus.admins}, {@code nimbus.supervisor.users}
 * and {@code nimbus.daemon.users} (the certificates role issues {@code CN=<inventory name>}).
 *
 * <p>Anything else is refused, never thrown (this runs inside Thrift calls): a subject that does not
 * parse, has no CN or more than one (also inside a multi-valued RDN), a CN that is not a host name
 * (an escaped comma, a space, a binary value), and the plugin's {@code CN=ANONYMOUS} for a caller
 * without a certificate all map to {@link #REFUSED}, which is no host name and so matches no ACL entry.
 */
public final class CommonNameToLocal implements IPrincipalToLocal {
    /** The local name of every refused subject: not a host name, so never in an ACL the role writes. */
    public static final String REFUSED = "(refused certificate subject)";
    /** Host names, as the storm role checks the names it puts into the ACLs. */
    static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");

    @Override
    public void prepare(Map<String, Object> conf) {
        // nothing to configure
    }

    @Override
    public String toLocal(Principal principal) {
        return principal == null ? REFUSED : toLocal(principal.getName());
    }

    @Override
    public String toLocal(String subject) {
        if (subject == null || MutualTlsTransportPlugin.ANONYMOUS.equals(subject)) {
            return REFUSED;
        }
        List<Object> commonNames = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
                while (attributes.hasMore()) {
                    Attribute attribute = attributes.next();
                    if ("CN".equalsIgnoreCase(attribute.getID())) {
                        for (int i = 0; i < attribute.size(); i++) {
                            commonNames.add(attribute.get(i));
                        }
                    }
                }
            }
        } catch (NamingException | RuntimeException e) {
            return REFUSED;
        }
        if (commonNames.size() != 1 || !(commonNames.get(0) instanceof String cn) || !HOST_NAME.matcher(cn).matches()) {
            return REFUSED;
        }
        return cn;
    }
}

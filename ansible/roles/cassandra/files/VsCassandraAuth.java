// The Cassandra role's login bootstrap (PasswordAuthenticator + CassandraAuthorizer), idempotent:
//   java -cp '/opt/vitalstorm/tools/cassandra-auth:/opt/vitalstorm/platform/lib/*' VsCassandraAuth HOST:PORT DC ADMIN "REPLICATION" [CA_PEM]
// CA_PEM (client TLS on): the nodes' CA as PEM; the connection is TLS, the node's certificate checked
// against it and against HOST (its IP SAN). No store password: the CA certificate is public.
// stdin: the admin password (one line; never on the command line). First run (the admin cannot log
// in yet): as the default cassandra/cassandra it replicates system_auth as REPLICATION and creates
// ADMIN as a superuser; then, as ADMIN, it keeps system_auth at REPLICATION and disables the default
// login (random password, LOGIN = false). Prints JSON {"changed": [...]}. Only a refused login
// (AuthenticationException) counts as "cannot log in"; any other failure (a timeout under load)
// fails the tool, and the role row is read at QUORUM, so a lagging replica never makes a rerun
// report a change.
import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

public class VsCassandraAuth {
    private static SSLContext tls;

    public static void main(String[] args) throws Exception {
        String[] hostPort = args[0].split(":");
        // named by the literal address (no reverse lookup): TLS checks the node's IP SAN against it
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(hostPort[0],
                InetAddress.getByName(hostPort[0]).getAddress()), Integer.parseInt(hostPort[1]));
        String dc = args[1];
        String admin = args[2];
        String replication = args[3];
        tls = args.length > 4 && !args[4].isEmpty() ? sslContext(Path.of(args[4])) : null;
        String adminPassword = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (adminPassword == null || !adminPassword.matches("[A-Za-z0-9]{12,}") || !admin.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("admin role: [a-z0-9_]; its password on stdin: 12+ letters and digits");
        }
        List<String> changed = new ArrayList<>();
        CqlSession session = open(address, dc, admin, adminPassword);
        if (session == null) {
            CqlSession first = open(address, dc, "cassandra", "cassandra");
            if (first == null) {
                throw new IllegalStateException("neither " + admin + " nor the default role can log in");
            }
            try (first) {
                first.execute("ALTER KEYSPACE system_auth WITH replication = " + replication);
                first.execute("CREATE ROLE IF NOT EXISTS " + admin + " WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = '"
                        + adminPassword + "'");
                changed.add("system_auth replication");
                changed.add("role " + admin + " created");
            }
            session = open(address, dc, admin, adminPassword);
        }
        try (CqlSession s = session) {
            Row ks = s.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'").one();
            if (!String.valueOf(ks.getObject(0)).contains("NetworkTopologyStrategy")) {
                s.execute("ALTER KEYSPACE system_auth WITH replication = " + replication);
                changed.add("system_auth replication");
            }
            Row def = s.execute(SimpleStatement.newInstance("SELECT can_login FROM system_auth.roles WHERE role = 'cassandra'")
                    .setConsistencyLevel(DefaultConsistencyLevel.QUORUM)).one();
            if (def != null && def.getBoolean(0)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                s.execute("ALTER ROLE cassandra WITH PASSWORD = '" + HexFormat.of().formatHex(random) + "' AND LOGIN = false");
                changed.add("default role cassandra disabled");
            }
        }
        System.out.println("{\"changed\": [" + changed.stream().map(c -> "\"" + c + "\"")
                .collect(Collectors.joining(", ")) + "]}");
    }

    private static SSLContext sslContext(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static CqlSession open(InetSocketAddress address, String dc, String user, String password) {
        try {
            var builder = CqlSession.builder().addContactPoint(address).withLocalDatacenter(dc)
                    .withAuthCredentials(user, password);
            if (tls != null) {
                // hostname validation on: the node's certificate must name the address connected to
                builder = builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(tls, null, true));
            }
            return builder.build();
        } catch (AuthenticationException e) {
            return null;
        } catch (AllNodesFailedException e) {
            boolean refused = e.getAllErrors().values().stream().flatMap(List::stream)
                    .anyMatch(t -> t instanceof AuthenticationException);
            if (refused) {
                return null;
            }
            throw e;
        }
    }
}

package io.vitalstorm.coordination;

import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.server.auth.DigestLoginModule;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SASL DIGEST-MD5 logins for ZooKeeper clients without a JAAS file: each login is a JAAS section
 * held in memory by a {@link Configuration} installed once per JVM, and the client is pointed at
 * its section through its own {@link ZKClientConfig}. So the password comes from a 0600 file
 * (never a JAAS file, a system property or the topology configuration), and one JVM can hold
 * clients of different identities (a worker's topology identity, a test's intruder). Sections of
 * other names (Kafka's, Storm's "Client") are answered by the configuration that was there before.
 */
public final class SaslLogins {

    /** ZooKeeper's key (client config and server system property) that must be false for DIGEST-MD5. */
    public static final String FIPS_MODE = "zookeeper.fips-mode";
    private static final String PREFIX = "vitalstorm-zookeeper-";
    private static final Map<String, AppConfigurationEntry[]> SECTIONS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static volatile boolean installed;

    private SaslLogins() {
    }

    /** A client configuration that logs in as {@code user}; the password stays in this JVM's memory only. */
    public static ZKClientConfig clientConfig(String user, String password) {
        install();
        String section = PREFIX + NEXT.incrementAndGet();
        SECTIONS.put(section, new AppConfigurationEntry[] {new AppConfigurationEntry(DigestLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of("username", user, "password", password))});
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "true");
        config.setProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY, section);
        // ZooKeeper 3.9's FIPS mode (on by default) disables DIGEST-MD5, its only SASL mechanism without Kerberos
        config.setProperty(FIPS_MODE, "false");
        return config;
    }

    /** A client configuration that does not attempt SASL at all (an unauthenticated client). */
    public static ZKClientConfig anonymous() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        return config;
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Configuration previous;
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException noJaasFile) {
            previous = null;
        }
        Configuration.setConfiguration(new Sections(previous));
        installed = true;
    }

    private static final class Sections extends Configuration {
        private final Configuration previous;

        Sections(Configuration previous) {
            this.previous = previous;
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            AppConfigurationEntry[] ours = SECTIONS.get(name);
            if (ours != null || previous == null) {
                return ours;
            }
            return previous.getAppConfigurationEntry(name);
        }

        @Override
        public void refresh() {
            if (previous != null) {
                previous.refresh();
            }
        }
    }
}

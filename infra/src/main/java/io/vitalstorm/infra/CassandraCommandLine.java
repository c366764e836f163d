package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that runs Cassandra 5.0 in its own JDK 17 JVM. */
final class CassandraCommandLine {

    /** Overrides the java binary; Cassandra 5.0 needs JDK 11 or 17 (it does not start on 25). */
    static final String JAVA_PROPERTY = "vitalstorm.cassandra.java";
    /** Overrides the heap, e.g. {@code -Dvitalstorm.cassandra.heap=1g}. */
    static final String HEAP_PROPERTY = "vitalstorm.cassandra.heap";
    private static final String DEFAULT_HEAP = "768m";
    private static final Path DEBIAN_JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /** JDK internals Cassandra 5.0 reaches into on JDK 17 (as in its jvm17-server.options). */
    private static final List<String> MODULE_EXPORTS = List.of(
            "java.base/jdk.internal.misc", "java.management.rmi/com.sun.jmx.remote.internal.rmi",
            "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server", "java.sql/java.sql",
            "java.base/java.lang.ref", "jdk.unsupported/sun.misc", "jdk.compiler/com.sun.tools.javac.file",
            "jdk.attach/sun.tools.attach");
    private static final List<String> MODULE_OPENS = List.of(
            "java.base/java.lang.module", "java.base/jdk.internal.loader", "java.base/jdk.internal.ref",
            "java.base/jdk.internal.reflect", "java.base/jdk.internal.math", "java.base/jdk.internal.module",
            "java.base/jdk.internal.util.jar", "jdk.management/com.sun.management.internal",
            "java.base/sun.nio.ch", "java.base/java.io", "java.base/java.lang.reflect",
            "jdk.compiler/com.sun.tools.javac", "java.base/java.lang", "java.base/java.util");

    private CassandraCommandLine() {
    }

    /**
     * @param durableSchema keep schema changes across a crash: without it the speed flags below
     *                      leave them unflushed and out of the commit log, so a node killed -9
     *                      comes back without the keyspaces created since it started (and their data)
     */
    static List<String> build(Path java, String classpath, List<String> extraJvmOptions, Path dir,
                              CassandraConfigFiles config, boolean durableSchema) throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot() && Files.isExecutable(SETPRIV)) {
            // as root Cassandra mlocks its whole heap; without CAP_IPC_LOCK it just skips that
            command.addAll(List.of(SETPRIV.toString(), "--bounding-set", "-ipc_lock"));
        }
        command.add(java.toString());
        command.addAll(extraJvmOptions);
        String heap = System.getProperty(HEAP_PROPERTY, DEFAULT_HEAP);
        command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-Xss256k", "-XX:+UseG1GC",
                "-XX:+PerfDisableSharedMem", "-XX:ErrorFile=" + dir.resolve("logs/hs_err_%p.log")));
        command.addAll(List.of(
                "-Dcassandra-foreground=yes",
                "-Dcassandra.config=" + config.yaml.toUri(),
                "-Dlogback.configurationFile=" + config.logbackXml.toUri(),
                "-Dcassandra.logdir=" + config.logFile.getParent(),
                "-Dcassandra.storagedir=" + dir,
                // JNA and Netty unpack native libraries into the temp dir: keep it ours
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-Djava.net.preferIPv4Stack=true",
                "-Dcassandra.triggers_dir=" + Files.createDirectories(dir.resolve("triggers")),
                // speed, as Cassandra's own test harness does: the data is thrown away anyway
                "-Dcassandra.skip_sync=true",
                "-Dcassandra.memtable_row_overhead_computation_step=100",
                "-Dcassandra.test.messagingService.nonGracefulShutdown=true", // stop 2 s sooner
                "-Dcassandra.superuser_setup_delay_ms=0",
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dchronicle.analytics.disable=true", // Chronicle Queue would try to phone home
                "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true"));
        if (!durableSchema) {
            command.addAll(
                    List.of("-Dcassandra.unsafesystem=true", "-Dcassandra.test.flush_local_schema_changes=false"));
        }
        MODULE_EXPORTS.forEach(module -> command.add("--add-exports=" + module + "=ALL-UNNAMED"));
        MODULE_OPENS.forEach(module -> command.add("--add-opens=" + module + "=ALL-UNNAMED"));
        command.addAll(List.of("-cp", classpath, MAIN_CLASS));
        return command;
    }

    /** This JVM's java if it is 17, else Debian's JDK 17, unless overridden. */
    static Path java17() {
        String override = System.getProperty(JAVA_PROPERTY);
        Path java;
        if (override != null) {
            java = Path.of(override);
        } else if (Runtime.version().feature() == 17) {
            java = Path.of(System.getProperty("java.home"), "bin", "java");
        } else {
            java = DEBIAN_JDK17;
        }
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no JDK 17 java for Cassandra at " + java
                    + " (install openjdk-17-jdk-headless or set -D" + JAVA_PROPERTY + "=/path/to/java)");
        }
        return java;
    }

    /** Dropping a capability from the bounding set needs root, and only root has it anyway. */
    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}

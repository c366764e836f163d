package io.vitalstorm.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the storm.home launcher ({@code bin/vitalstorm-storm}): a daemon that lives until
 * closed, or a client command that is waited for. The launcher {@code exec}s java, so the
 * process is the JVM itself.
 */
final class StormProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread hook;

    private StormProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        // a failed test must not leave JVMs behind (kill -9 of the test JVM still can)
        this.hook = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static StormProcess start(Path stormHome, Path confFile, Path logDir, String name, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(stormHome.resolve("bin/vitalstorm-storm").toString());
        command.addAll(args);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // this JVM's own JDK (surefire derives JAVA_HOME from its jvm wrapper path, which is no JDK)
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("STORM_CONF_FILE", confFile.toString());
        builder.environment().put("STORM_LOG_DIR", logDir.toString());
        builder.environment().put("STORM_DAEMON_OPTS", "-Xmx256m -XX:+UseSerialGC");
        builder.environment().put("STORM_CLIENT_OPTS", "-Xmx256m -XX:+UseSerialGC");
        return new StormProcess(name, builder.start(), log);
    }

    /** Waits for a client command; fails with its output unless it exits with 0. */
    void awaitSuccess(long seconds) throws Exception {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " still running after " + seconds + " s:\n" + output());
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
        } finally {
            close();
        }
    }

    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM (the daemons shut down cleanly on it), SIGKILL after 10 s. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running
        }
    }
}

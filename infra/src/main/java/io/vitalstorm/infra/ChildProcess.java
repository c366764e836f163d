package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system child process that must not outlive this JVM.
 *
 * <p>Two safeguards: a shutdown hook stops it on a normal JVM exit, and a tiny shell watchdog
 * sends it SIGTERM when its stdin pipe closes, which is what happens when this JVM dies
 * without running hooks (kill -9, crash). The shell {@code exec}s the server, so
 * {@link #handle()} is the server process itself.
 */
final class ChildProcess implements AutoCloseable {

    /**
     * Keeps a copy of stdin on fd 3 for a background watcher, then becomes the server.
     * Background jobs of a non-interactive shell get /dev/null as stdin, hence the copy.
     */
    private static final String WATCHDOG =
            "exec 3<&0; (cat <&3 >/dev/null 2>&1; kill -TERM $$ 2>/dev/null) & exec \"$@\" 3<&-";

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path outputFile;
    private final Duration grace;
    private final Thread shutdownHook;
    /** Set when stop() found the process running and it then ended on SIGTERM alone. */
    private boolean stoppedGracefully;

    private ChildProcess(String name, Process process, Path outputFile, Duration grace) {
        this.name = name;
        this.process = process;
        this.outputFile = outputFile;
        this.grace = grace;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code workingDir} with stdout and stderr going to
     * {@code outputFile}. {@link #close()} asks it to stop and kills it after {@code grace}.
     */
    static ChildProcess start(String name, List<String> command, Path workingDir, Path outputFile,
                              Duration grace) throws IOException {
        List<String> wrapped = new ArrayList<>();
        // a session of its own: a Ctrl-C in the terminal signals the whole foreground process
        // group, and the servers must outlive it until the JVM has stopped what runs on them
        if (Files.isExecutable(SETSID)) {
            wrapped.add(SETSID.toString());
        }
        wrapped.addAll(List.of("/bin/sh", "-c", WATCHDOG, name));
        wrapped.addAll(command);
        Process process = new ProcessBuilder(wrapped)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .start();
        return new ChildProcess(name, process, outputFile, grace);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Throws with the output tail if the process has already exited. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                    + "; last output:\n" + outputTail(40));
        }
    }

    /** Sends the server a signal by name ({@code STOP}, {@code CONT}, {@code KILL}): the faults a test injects. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
        }
    }

    /** SIGKILL, as a crash: no drain, no flush; returns once the process is gone. */
    void kill() throws IOException, InterruptedException {
        signal("KILL");
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** True when close() stopped the running process without SIGKILL (not when it had died before). */
    synchronized boolean stoppedGracefully() {
        return stoppedGracefully;
    }

    String outputTail(int lines) {
        return WorkDirs.tail(outputFile, lines);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook is running or about to run stop() itself
        }
        stop();
    }

    /** SIGTERM (through the watchdog and directly), then SIGKILL after the grace period. */
    private synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close(); // lets the watchdog exit too
        } catch (IOException ignored) {
            // already closed
        }
        process.destroy();
        try {
            stoppedGracefully = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            if (!stoppedGracefully) {
                System.err.printf("[infra] %s did not stop within %d s, killing it%n", name, grace.toSeconds());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.vitalstorm.infra;

/**
 * A server that runs as a {@link ChildProcess}: the faults a test injects into it (freeze, thaw, kill) and
 * stopping it. A subclass's {@code start()} sets {@link #process}; a restart after a kill replaces it.
 */
public abstract class ChildProcessServer implements LocalServer {

    /** The running (or last) server process; null before the first start. */
    ChildProcess process;

    ChildProcessServer() {
        // the servers of this package only
    }

    /** Stops the server dead (SIGSTOP): connections stay open and nothing answers, as on a hung host. */
    public synchronized void freeze() throws Exception {
        process.signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() throws Exception {
        process.signal("CONT");
    }

    /**
     * Kills the server (SIGKILL, as a crash); {@code start()} brings it back on the same ports, with what it keeps on
     * disk.
     */
    public synchronized void kill() throws Exception {
        process.kill();
    }

    /** The server process, for checks that it is gone after close. */
    synchronized ProcessHandle processHandle() {
        return process.handle();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }
}

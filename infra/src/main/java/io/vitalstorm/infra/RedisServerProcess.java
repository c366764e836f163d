package io.vitalstorm.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's redis-server as a child process on 127.0.0.1, no persistence. */
public final class RedisServerProcess implements LocalServer {

    static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dataDir;
    private int port;
    private ChildProcess process;

    public RedisServerProcess(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public synchronized void start() throws Exception {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " not found: run scripts/install-system-packages.sh"
                    + " (it installs the Debian package redis-server)");
        }
        Files.createDirectories(dataDir);
        if (port == 0) {
            port = FreePorts.next(); // a restart keeps the port, as a real server's would
        }
        process = ChildProcess.start(name(), List.of(EXECUTABLE.toString(),
                        "--bind", FreePorts.LOOPBACK,
                        "--port", String.valueOf(port),
                        "--dir", dataDir.toString(),
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--logfile", "",
                        "--loglevel", "warning"),
                dataDir, dataDir.resolve("redis.log"), STOP_GRACE);
        Await.until("redis on " + address(), READY_TIMEOUT, this::answersPing,
                () -> "; redis output:\n" + process.outputTail(20));
    }

    private boolean answersPing() throws IOException {
        process.checkAlive();
        return ping(FreePorts.LOOPBACK, port);
    }

    /** Sends a RESP PING; true when the server replies +PONG (a loading server replies -LOADING). */
    static boolean ping(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes("+PONG\r\n".length());
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }

    public String host() {
        return FreePorts.LOOPBACK;
    }

    public int port() {
        return port;
    }

    @Override
    public String address() {
        return host() + ":" + port;
    }

    /** Stops the server dead (SIGSTOP): connections stay open and nothing answers, as on a hung host. */
    public synchronized void freeze() throws Exception {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.handle().pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.handle().pid() + " failed");
        }
    }

    /** The server process, for checks that it is gone after close. */
    ProcessHandle processHandle() {
        return process.handle();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }
}

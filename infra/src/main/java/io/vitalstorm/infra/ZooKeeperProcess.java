package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A standalone ZooKeeper ({@code ZooKeeperServerMain}) in a JVM of its own, client port on 127.0.0.1, for the
 * fault tests that freeze, kill and restart it. A restart keeps its port and its data directory, so sessions and
 * znodes come back as on a real server (sessions then time out afresh from the restart).
 */
public final class ZooKeeperProcess extends ChildProcessServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";

    private final Path dir;
    private int port;

    public ZooKeeperProcess(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public synchronized void start() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        if (port == 0) {
            port = FreePorts.next();
        }
        Path config = Files.writeString(dir.resolve("zoo.cfg"), String.join("\n",
                "tickTime=2000",
                "dataDir=" + dir.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=" + FreePorts.LOOPBACK,
                "maxClientCnxns=200",
                "admin.enableServer=false",
                "4lw.commands.whitelist=srvr,ruok", ""));
        // a kill before the first snapshot must not keep the restart from loading its transaction log
        process = ChildProcess.start(name(),
                ChildJvm.command(dir, "256m", List.of("-Dzookeeper.snapshot.trust.empty=true",
                        "-Dzookeeper.admin.enableServer=false"), MAIN, List.of(config.toString())),
                dir, dir.resolve("zookeeper.log"), STOP_GRACE);
        Await.until("zookeeper on " + address(), READY_TIMEOUT, this::serving,
                () -> "; zookeeper output:\n" + process.outputTail(40));
    }

    private boolean serving() throws IOException {
        process.checkAlive();
        try {
            return ZooKeeperServerRunner.standalone(port);
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** "127.0.0.1:port", the connect string for clients. */
    public String connectString() {
        return address();
    }

    @Override
    public String address() {
        return FreePorts.LOOPBACK + ":" + port;
    }
}

package io.vitalstorm.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;

/**
 * A standalone ZooKeeper server inside this JVM, client port on 127.0.0.1 only.
 * It is a plain {@link ZooKeeperServer}, so the AdminServer (an HTTP port) never starts.
 */
public final class ZooKeeperServerRunner implements LocalServer {

    private static final int TICK_MILLIS = 2000;
    private static final int MAX_CLIENT_CONNECTIONS = 200;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private int port;
    private FileTxnSnapLog storage;
    private ZooKeeperServer server;
    private ServerCnxnFactory connections;

    public ZooKeeperServerRunner(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public synchronized void start() throws Exception {
        Files.createDirectories(dataDir);
        port = FreePorts.next();
        storage = new FileTxnSnapLog(dataDir.resolve("txnlog").toFile(), dataDir.resolve("snapshots").toFile());
        server = new ZooKeeperServer(storage, TICK_MILLIS, "");
        connections = ServerCnxnFactory.createFactory(
                new InetSocketAddress(FreePorts.LOOPBACK, port), MAX_CLIENT_CONNECTIONS);
        connections.startup(server);
        // `ruok` answers even when the request pipeline died (e.g. snappy-java missing): use `srvr`
        Await.until("zookeeper on " + address(), READY_TIMEOUT, this::serving, () -> "");
    }

    /** "127.0.0.1:port", the connect string for clients and Storm. */
    public String connectString() {
        return address();
    }

    public int port() {
        return port;
    }

    @Override
    public String address() {
        return FreePorts.LOOPBACK + ":" + port;
    }

    private boolean serving() throws IOException {
        if (!server.isRunning()) {
            return false;
        }
        return standalone(port);
    }

    /** True when the server on {@code port} answers {@code srvr} as a running standalone server. */
    static boolean standalone(int port) throws IOException {
        return standalone(new Socket(), port);
    }

    /** The same over {@code unconnected}, e.g. a TLS socket for a server with a secure client port only. */
    static boolean standalone(Socket unconnected, int port) throws IOException {
        String reply = fourLetterWord(unconnected, port, "srvr");
        return reply.contains("Zookeeper version:") && reply.contains("Mode: standalone");
    }

    private static String fourLetterWord(Socket unconnected, int port, String word) throws IOException {
        try (Socket socket = unconnected) {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public synchronized void close() {
        if (connections != null) {
            connections.shutdown(); // also shuts the server down, keeping its database open
            connections = null;
        }
        if (server != null) {
            server.shutdown(true);
            server = null;
        }
        if (storage != null) {
            try {
                storage.close();
            } catch (IOException e) {
                System.err.println("[infra] zookeeper: closing its transaction log failed: " + e);
            }
            storage = null;
        }
    }
}

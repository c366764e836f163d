package io.vitalstorm.stormtls;

import org.apache.storm.security.auth.ITransportPlugin;
import org.apache.storm.security.auth.ReqContext;
import org.apache.storm.security.auth.SingleUserPrincipal;
import org.apache.storm.security.auth.ThriftConnectionType;
import org.apache.storm.security.auth.tls.ReloadableX509KeyManager;
import org.apache.storm.security.auth.tls.ReloadableX509TrustManager;
import org.apache.storm.thrift.TException;
import org.apache.storm.thrift.TProcessor;
import org.apache.storm.thrift.protocol.TBinaryProtocol;
import org.apache.storm.thrift.protocol.TProtocol;
import org.apache.storm.thrift.server.TServer;
import org.apache.storm.thrift.server.TThreadPoolServer;
import org.apache.storm.thrift.transport.TServerSocket;
import org.apache.storm.thrift.transport.TSocket;
import org.apache.storm.thrift.transport.TTransport;
import org.apache.storm.thrift.transport.TTransportException;
import org.apache.storm.utils.ExtendedThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.security.auth.Subject;

/**
 * Storm's Thrift TLS transport ({@code nimbus.thrift.tls.transport}, {@code supervisor.thrift.transport})
 * with the two faults of Storm 2.8.3's {@code TlsTransportPlugin} fixed as Storm 2.8.7 fixed them
 * (commit 1681a12, which does not resolve here):
 * <ul>
 *   <li>its server read the peer through {@code SSLSession.getPeerCertificateChain()}, which JDK 15+
 *       no longer implements: every call failed with UnsupportedOperationException;</li>
 *   <li>it called {@code setWantClientAuth} after {@code setNeedClientAuth}, which clears "need": a
 *       client without a certificate got in although {@code *.tls.client.auth.required} was set.</li>
 * </ul>
 * Server keys are Storm's ({@code *.tls.server.keystore.*}, {@code *.tls.server.truststore.*}, store
 * type from the file name). Unlike Storm's, the server listens on {@code storm.local.hostname} when
 * it is set (the address the cluster knows this daemon by), else on the address of the host's name
 * as Storm does; TLS 1.3 and 1.2. The client side of a TLS connection type is Storm's own:
 * ThriftClient opens the TLS socket with the {@code *.tls.client.*} stores, {@link #connect} passes it
 * through.
 *
 * <p>Named as {@code nimbus.thrift.transport} too, it makes Nimbus's plain Thrift port mutual TLS with
 * the same {@code nimbus.thrift.tls.*} settings: Storm 2.8 replicates topology blobs between Nimbus
 * hosts over that port with a client that never asks for TLS (BlobStoreUtils), so this plugin's
 * {@link #connect} puts TLS over the plain socket such clients open.
 */
public final class MutualTlsTransportPlugin implements ITransportPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(MutualTlsTransportPlugin.class);
    static final String ANONYMOUS = "CN=ANONYMOUS";
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int BACKLOG = 100;

    private ThriftConnectionType type;
    /** Where the TLS settings come from: the type itself, or NIMBUS_TLS for NIMBUS, SUPERVISOR_TLS for SUPERVISOR. */
    private ThriftConnectionType tls;
    private Map<String, Object> conf;
    private int port;

    @Override
    public void prepare(ThriftConnectionType type, Map<String, Object> conf) {
        this.type = type;
        this.tls = tlsSettingsOf(type);
        this.conf = conf;
    }

    static ThriftConnectionType tlsSettingsOf(ThriftConnectionType type) {
        if (type.isTlsEnabled()) {
            return type;
        }
        try {
            return ThriftConnectionType.valueOf(type.name() + "_TLS");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + " has no TLS settings in Storm: use another transport for it", e);
        }
    }

    @Override
    public TServer getServer(TProcessor processor) throws IOException, TTransportException {
        boolean clientAuth = tls.isClientAuthRequired(conf);
        Integer socketTimeout = type.getSocketTimeOut(conf);
        int timeout = socketTimeout == null ? 0 : socketTimeout;
        SSLServerSocket socket = (SSLServerSocket) sslContext(clientAuth).getServerSocketFactory()
                .createServerSocket(type.getPort(conf), BACKLOG, bindAddress());
        socket.setEnabledProtocols(PROTOCOLS);
        socket.setNeedClientAuth(clientAuth);
        socket.setReuseAddress(true);
        socket.setSoTimeout(timeout);
        port = socket.getLocalPort();
        LOG.info("{} TLS server on {}:{}, client certificate {}", type, socket.getInetAddress().getHostAddress(), port,
                clientAuth ? "required" : "not asked for");
        TServerSocket transport = new TServerSocket(
                new TServerSocket.ServerSocketTransportArgs().serverSocket(socket).clientTimeout(timeout));
        int threads = type.getNumThreads(conf);
        Integer queueSize = type.getQueueSize(conf);
        BlockingQueue<Runnable> queue = queueSize == null
                ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueSize);
        TThreadPoolServer.Args args = new TThreadPoolServer.Args(transport)
                .processor(new PeerProcessor(processor, clientAuth))
                .minWorkerThreads(threads)
                .maxWorkerThreads(threads)
                .protocolFactory(new TBinaryProtocol.Factory(false, true))
                .executorService(new ExtendedThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue));
        return new TThreadPoolServer(args);
    }

    private SSLContext sslContext(boolean clientAuth) throws IOException {
        String keyStore = tls.getServerKeyStorePath(conf);
        String keyStorePassword = tls.getServerKeyStorePassword(conf);
        if (keyStore == null || keyStorePassword == null) {
            throw new IllegalArgumentException(tls + ": the server key store and its password are not set");
        }
        String trustStore = tls.getServerTrustStorePath(conf);
        String trustStorePassword = tls.getServerTrustStorePassword(conf);
        if (clientAuth && (trustStore == null || trustStorePassword == null)) {
            throw new IllegalArgumentException(tls + ": client auth needs the server trust store and its password");
        }
        return context(clientAuth ? trustStore : null, trustStorePassword, keyStore, keyStorePassword);
    }

    /** Storm's reloadable managers (they follow a replaced store file); no trust store = the JDK's. */
    private SSLContext context(String trustStore, String trustStorePassword, String keyStore, String keyStorePassword)
            throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager[] trust = trustStore == null
                    ? null : new TrustManager[] {new ReloadableX509TrustManager(trustStore, trustStorePassword)};
            KeyManager[] keys = keyStore == null
                    ? null : new KeyManager[] {new ReloadableX509KeyManager(keyStore, keyStorePassword)};
            ctx.init(keys, trust, new SecureRandom());
            return ctx;
        } catch (Exception e) { // Storm's reloadable managers declare Exception
            throw new IOException(tls + ": cannot load the TLS stores: " + e.getMessage(), e);
        }
    }

    private InetAddress bindAddress() throws IOException {
        Object host = conf.get("storm.local.hostname");
        return host == null || host.toString().isBlank()
                ? InetAddress.getLocalHost() : InetAddress.getByName(host.toString());
    }

    /**
     * A TLS connection type arrives as Storm's TLS socket and passes through; a plain one (Nimbus's blob
     * replication) gets TLS over its socket with the {@code *.tls.client.*} stores of the TLS type.
     */
    @Override
    public TTransport connect(TTransport transport, String serverHost, String asUser) throws TTransportException {
        if (!(transport instanceof TSocket plain) || plain.getSocket() instanceof SSLSocket) {
            return transport;
        }
        String trustStore = tls.getClientTrustStorePath(conf);
        if (trustStore == null || tls.getClientTrustStorePassword(conf) == null) {
            throw new TTransportException(tls + ": the client trust store and its password are not set");
        }
        try {
            SSLContext ctx = context(trustStore, tls.getClientTrustStorePassword(conf),
                    tls.getClientKeyStorePath(conf), tls.getClientKeyStorePassword(conf));
            if (!plain.isOpen()) {
                plain.open();
            }
            Socket socket = plain.getSocket();
            SSLSocket secure =
                    (SSLSocket) ctx.getSocketFactory().createSocket(socket, serverHost, socket.getPort(), true);
            secure.setEnabledProtocols(PROTOCOLS);
            secure.startHandshake();
            return new TSocket(secure);
        } catch (IOException e) {
            plain.close();
            throw new TTransportException("TLS to " + serverHost + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public boolean areWorkerTokensSupported() {
        return false;
    }

    /** The caller's identity for Storm's authorizers: the subject of its certificate, else CN=ANONYMOUS. */
    static final class PeerProcessor implements TProcessor {
        private final TProcessor wrapped;
        private final boolean clientAuth;

        PeerProcessor(TProcessor wrapped, boolean clientAuth) {
            this.wrapped = wrapped;
            this.clientAuth = clientAuth;
        }

        @Override
        public void process(TProtocol in, TProtocol out) throws TException {
            SSLSocket socket = (SSLSocket) ((TSocket) in.getTransport()).getSocket();
            String principal = principal(socket);
            ReqContext context = ReqContext.context();
            context.setRemoteAddress(socket.getInetAddress());
            Subject subject = new Subject();
            subject.getPrincipals().add(new SingleUserPrincipal(principal));
            context.setSubject(subject);
            wrapped.process(in, out);
        }

        private String principal(SSLSocket socket) throws TException {
            try {
                Certificate[] peers = socket.getSession().getPeerCertificates();
                if (peers.length > 0 && peers[0] instanceof X509Certificate cert) {
                    return cert.getSubjectX500Principal().getName();
                }
            } catch (SSLPeerUnverifiedException e) {
                if (clientAuth) {
                    throw new TException("TLS peer " + socket.getInetAddress() + " not verified", e);
                }
                return ANONYMOUS;
            }
            if (clientAuth) {
                throw new TException("TLS peer " + socket.getInetAddress() + " presented no X.509 certificate");
            }
            return ANONYMOUS;
        }
    }
}

package io.vitalstorm.infra;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Asks a CQL native-protocol port for its OPTIONS, the first request every driver sends.
 * An open port alone is not enough: the reply proves the transport is actually serving.
 */
final class CqlProbe {

    private static final byte PROTOCOL_V4_REQUEST = 0x04;
    private static final byte PROTOCOL_V4_RESPONSE = (byte) 0x84;
    private static final byte OPCODE_OPTIONS = 0x05;
    private static final byte OPCODE_SUPPORTED = 0x06;

    private CqlProbe() {
    }

    /** True when {@code host:port} answers OPTIONS with SUPPORTED. */
    static boolean answersOptions(String host, int port) throws IOException {
        return answersOptions(new Socket(), host, port);
    }

    /** The same over {@code unconnected}, e.g. a TLS socket for a node with client encryption. */
    static boolean answersOptions(Socket unconnected, String host, int port) throws IOException {
        try (Socket socket = unconnected) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(5000);
            // frame header: version, flags, stream id (2 bytes), opcode, body length (4 bytes)
            socket.getOutputStream().write(new byte[] {PROTOCOL_V4_REQUEST, 0, 0, 0, OPCODE_OPTIONS, 0, 0, 0, 0});
            byte[] header = new byte[9];
            new DataInputStream(socket.getInputStream()).readFully(header);
            return header[0] == PROTOCOL_V4_RESPONSE && header[4] == OPCODE_SUPPORTED;
        }
    }
}

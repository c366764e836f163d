package io.vitalstorm.core.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines ({@code \n}, with a trailing {@code \r} dropped) without
 * decoding them, so a line that is not UTF-8 reaches the parser (and is refused there, with its
 * number) instead of aborting the file. A line longer than {@code limit} is cut at {@code limit}
 * bytes and the rest skipped: the parser refuses it as too large, and memory stays bounded.
 */
final class BoundedLines {

    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

    BoundedLines(InputStream in, int limit) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.limit = limit;
    }

    /** The next line, or null at the end of the stream. */
    byte[] next() throws IOException {
        line.reset();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() < limit) {
                line.write(b);
            }
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r' && bytes.length < limit) {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }
}

package dev.pullthrough.hook;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

/** One raw request to a mirror on its own connection, and the status line of its answer (empty if it closed first). */
final class MirrorStatusLine {
    private MirrorStatusLine() {
    }

    static String of(MirrorProxy proxy, String request, Duration timeout) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.address().port())) {
            s.setSoTimeout((int) timeout.toMillis());
            s.getOutputStream().write(request.getBytes(ISO_8859_1));
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = s.getInputStream().read()) >= 0 && b != '\r') {
                line.write(b);
            }
            return line.toString(ISO_8859_1);
        }
    }
}

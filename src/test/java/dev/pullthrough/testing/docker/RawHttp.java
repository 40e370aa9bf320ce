package dev.pullthrough.testing.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one HTTP/1.1 request with exactly the request line given (no client-side normalisation of "..", encoded
 * slashes or methods), for probing what a server refuses.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** A response's status line and the rest, as text. */
    public record Response(int status, String text) {
    }

    /** {@code METHOD target HTTP/1.1} to 127.0.0.1:port with the given Host header; returns the status. */
    public static Response send(int port, String method, String target, String host) {
        return sendFrom(null, port, method, target, host);
    }

    /** As {@link #send}, from a given local address (to play a non-loopback peer), connecting to {@code to}. */
    public static Response sendFrom(InetAddress localAddress, int port, String method, String target, String host) {
        return sendTo(InetAddress.getLoopbackAddress(), localAddress, port, method, target, host);
    }

    public static Response sendTo(InetAddress to, InetAddress localAddress, int port, String method, String target, String host) {
        try (Socket socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(to, port), 3000);
            socket.setSoTimeout(10_000);
            String request = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = text.split("\r\n", 2)[0].split(" ");
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                return new Response(-1, text);
            }
            return new Response(Integer.parseInt(statusLine[1]), text);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + method + " " + target + " to port " + port + " failed", e);
        }
    }
}

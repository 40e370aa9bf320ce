package dev.pullthrough.hook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry stand-in that misbehaves on purpose, on a raw socket so each fault is exact: paths ending in
 * {@code /manifests/ok} answer at once; any other request gets the {@link Fault} the stand-in was made with.
 */
final class FaultyUpstream implements AutoCloseable {
    enum Fault {
        /** 200 with a 10 MiB Content-Length, 64 KiB of it, then a TCP reset. */
        RESET_MID_BODY,
        /** Reads the request and never answers. */
        HANG_ON_HEADERS,
        /** Headers and 64 KiB of a 10 MiB body, then nothing (the connection stays open). */
        HANG_ON_BODY,
        /** A 1 MiB body in 8 chunks, one every {@code slowChunkMillis}. */
        SLOW_BODY
    }

    static final int BODY_LENGTH = 10 * 1024 * 1024;
    static final int SLOW_BODY_LENGTH = 1024 * 1024;

    private final ServerSocket server;
    private final Fault fault;
    private final long slowChunkMillis;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    final AtomicInteger faulted = new AtomicInteger();

    FaultyUpstream(Fault fault, long slowChunkMillis) throws IOException {
        this.fault = fault;
        this.slowChunkMillis = slowChunkMillis;
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    RegistryEndpoint endpoint() throws InvalidHookSettingException {
        return RegistryEndpoint.parse("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "faulty-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = in.readLine();
                if (requestLine == null) {
                    return;
                }
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // Headers are not looked at.
                }
                String path = requestLine.split(" ")[1];
                if (path.equals("/v2/") || path.endsWith("/manifests/ok")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                faulted.incrementAndGet();
                byte[] chunk = new byte[64 * 1024];
                switch (fault) {
                    case RESET_MID_BODY -> {
                        out.write(head(BODY_LENGTH));
                        out.write(chunk);
                        out.flush();
                        s.setSoLinger(true, 0); // close() now sends RST
                        return;
                    }
                    case HANG_ON_HEADERS -> {
                        released.await(5, TimeUnit.MINUTES);
                        return;
                    }
                    case HANG_ON_BODY -> {
                        out.write(head(BODY_LENGTH));
                        out.write(chunk);
                        out.flush();
                        released.await(5, TimeUnit.MINUTES);
                        return;
                    }
                    case SLOW_BODY -> {
                        out.write(head(SLOW_BODY_LENGTH));
                        for (int i = 0; i < 8; i++) {
                            Thread.sleep(slowChunkMillis);
                            out.write(new byte[SLOW_BODY_LENGTH / 8]);
                            out.flush();
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The proxy went away: that is what some tests provoke.
        }
    }

    private static byte[] head(int length) {
        return ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}

package dev.pullthrough.hook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A blocking loopback server for one connection, on its own thread, for the transport tests: the scenario is the
 * registry's side. Closing it closes the listener and the accepted socket (which ends a scenario blocked on either)
 * and waits for the thread, so that no test leaves a thread or socket behind.
 */
final class OneConnectionServer implements AutoCloseable {
    interface Scenario {
        void serve(Socket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-registry"));
    private final Future<?> done;
    private volatile Socket accepted;

    private OneConnectionServer(int receiveBuffer, Scenario scenario) throws IOException {
        listener = new ServerSocket();
        if (receiveBuffer > 0) {
            // Before bind, so that the accepted socket gets it and the kernel's autotuning stays out of the way.
            listener.setReceiveBufferSize(receiveBuffer);
        }
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        done = thread.submit(() -> {
            try (Socket socket = listener.accept()) {
                accepted = socket;
                if (!listener.isClosed()) {
                    scenario.serve(socket);
                }
            }
            return null;
        });
    }

    /** @param receiveBuffer the accepted socket's SO_RCVBUF, or 0 for the system's */
    static OneConnectionServer start(int receiveBuffer, Scenario scenario) throws IOException {
        return new OneConnectionServer(receiveBuffer, scenario);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits for the scenario to end and rethrows what failed in it (its assertions included). */
    void awaitDone() throws Exception {
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(java.nio.charset.StandardCharsets.US_ASCII).strip();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        Socket socket = accepted;
        if (socket != null) {
            socket.close();
        }
        thread.shutdownNow();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the test registry's thread did not end");
        }
    }
}

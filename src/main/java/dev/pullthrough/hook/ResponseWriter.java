package dev.pullthrough.hook;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one request on a {@link LoopbackHttpServer} connection: headers, then either no body, a body of known
 * length, or one of unknown length (chunked on HTTP/1.1, close-delimited on HTTP/1.0). {@link #abort()} resets the
 * connection (TCP RST): the client sees an error at once instead of a body that silently stops, and retries.
 */
public final class ResponseWriter {
    private enum State { NEW, BODY, DONE, ABORTED }

    private final LoopbackHttpServer.Connection connection;
    private final OutputStream out;
    private final boolean headRequest;
    private final boolean http11;
    private boolean keepAlive;
    private final List<String[]> headers = new ArrayList<>();
    private State state = State.NEW;
    private int status;
    private long remaining = -1; // bytes still owed for a known length, -1 for unknown (chunked/close-delimited)
    private boolean chunked;
    private volatile Runnable onAbort = () -> { };

    ResponseWriter(LoopbackHttpServer.Connection connection, OutputStream out, RequestHead request, boolean keepAlive) {
        this.connection = connection;
        this.out = out;
        this.headRequest = request.method().equals("HEAD");
        this.http11 = request.version().equals("HTTP/1.1");
        this.keepAlive = keepAlive;
    }

    /** Adds a response header (values with line breaks are dropped: they would split the response). */
    public void header(String name, String value) {
        if (state == State.NEW && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            headers.add(new String[] {name, value});
        }
    }

    /** Replaces every value of a header. */
    public void setHeader(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        header(name, value);
    }

    public boolean committed() {
        return state != State.NEW;
    }

    public int status() {
        return status;
    }

    /** Runs when the connection is aborted from outside (a timeout): e.g. closes the upstream stream it waits on. */
    public void onAbort(Runnable action) {
        this.onAbort = action;
    }

    /** Status and headers only: HEAD answers, 204, 304 (a HEAD's {@code Content-Length} is the caller's header). */
    public void sendHeadersOnly(int status) throws IOException {
        writeHead(status, false, -2);
        state = State.DONE;
    }

    /**
     * Status and headers, then the body's stream.
     *
     * @param length the body's length, or -1 when not known
     */
    public OutputStream sendHeaders(int status, long length) throws IOException {
        if (headRequest) {
            writeHead(status, false, length);
            state = State.DONE;
            return OutputStream.nullOutputStream();
        }
        chunked = length < 0 && http11;
        if (length < 0 && !http11) {
            keepAlive = false; // HTTP/1.0 without a length: the body ends when the connection does
        }
        writeHead(status, chunked, length);
        remaining = length;
        state = State.BODY;
        return new Body();
    }

    /** A small complete answer (HEAD gets its headers and length only). */
    public void send(int status, String contentType, byte[] body) throws IOException {
        setHeader("Content-Type", contentType);
        sendHeaders(status, body.length).write(body);
    }

    /** Resets the connection: the client's read fails at once. Safe to call from any thread, more than once. */
    public void abort() {
        state = State.ABORTED;
        onAbort.run();
        connection.abort();
    }

    boolean aborted() {
        return state == State.ABORTED;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    /** After the handler: ends a chunked body, checks a known length was sent in full, flushes. */
    void finish() throws IOException {
        switch (state) {
            case NEW -> send(500, "application/json", "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"no answer\"}]}\n"
                    .getBytes(StandardCharsets.UTF_8));
            case BODY -> {
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (remaining > 0) {
                    abort(); // the client was promised more bytes than it got
                    return;
                }
            }
            default -> {
                // Nothing owed.
            }
        }
        if (state == State.ABORTED) {
            return;
        }
        state = State.DONE;
        out.flush();
    }

    private void writeHead(int status, boolean chunkedBody, long length) throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("response already started");
        }
        this.status = status;
        StringBuilder head = new StringBuilder(256).append(http11 ? "HTTP/1.1 " : "HTTP/1.0 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (chunkedBody) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (length >= 0 && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Length"))) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        } else if (!http11) {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        connection.progress();
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** The body: counts a known length down, or frames chunks; every write is progress for the stall timeout. */
    private final class Body extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (state != State.BODY) {
                throw new IOException("response " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
            if (chunked) {
                out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(b, off, len);
                out.write('\r');
                out.write('\n');
            } else {
                if (remaining >= 0 && len > remaining) {
                    throw new IOException("body longer than its Content-Length");
                }
                out.write(b, off, len);
                if (remaining >= 0) {
                    remaining -= len;
                }
            }
            connection.progress();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // The server ends the body (finish) once the handler returns.
        }
    }

    /** For the server's own early answers (bad request line, headers too large) before any handler runs. */
    static void writeBare(Socket socket, int status) throws IOException {
        String response = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Length: 0\r\nConnection: close\r\n"
                + (status == 503 ? "Retry-After: 1\r\n" : "") + "\r\n";
        socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
    }
}

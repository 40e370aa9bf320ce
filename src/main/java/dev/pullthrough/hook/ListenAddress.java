package dev.pullthrough.hook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the mirror listens: a loopback address and port ({@code 127.0.0.1:5155}, {@code [::1]:5155},
 * {@code localhost:5155}). Port 0 picks a free port (the proxy reports the one it got). Anything that is not
 * loopback is refused: the mirror hands out images with the runner's credentials and must not be reachable from
 * the network.
 */
public record ListenAddress(InetAddress address, int port) {
    static final String SETTING = "--listen";
    public static final String DEFAULT = "127.0.0.1:5155";

    public static ListenAddress parse(String value) throws InvalidHookSettingException {
        String v = value == null ? "" : value.trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidHookSettingException(SETTING, v, "expected <loopback address>:<port>, e.g. " + DEFAULT);
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidHookSettingException(SETTING, v, "the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidHookSettingException(SETTING, v, "the port must be 0-65535");
        }
        if (!RegistryEndpoint.isLoopback(host)) {
            throw new InvalidHookSettingException(SETTING, v,
                    "the mirror listens on loopback only (127.0.0.1, ::1 or localhost)");
        }
        try {
            InetAddress address = host.equals("localhost") ? InetAddress.getByName("127.0.0.1") : InetAddress.getByName(host);
            return new ListenAddress(address, port);
        } catch (UnknownHostException e) {
            throw new InvalidHookSettingException(SETTING, v, "not an address");
        }
    }

    public static ListenAddress of(InetSocketAddress bound) {
        return new ListenAddress(bound.getAddress(), bound.getPort());
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code 127.0.0.1:5155} or {@code [::1]:5155}: the form mirror entries and BuildKit use. */
    public String hostPort() {
        String host = address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + (host.equals("0:0:0:0:0:0:0:1") ? "::1" : host) + "]";
        }
        return host + ":" + port;
    }

    /** {@code http://127.0.0.1:5155}: the daemon's and containerd's mirror URL. */
    public String mirrorUrl() {
        return "http://" + hostPort();
    }

    @Override
    public String toString() {
        return hostPort();
    }
}

package dev.pullthrough.testing.docker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a distribution registry's access log (combined log format):
 * {@code 127.0.0.1 - - [28/Nov/2026:00:24:59 +0000] "GET /v2/ HTTP/1.1" 401 87 "" "curl/7.88.1"}.
 */
public record AccessLogEntry(String method, String path, int status, String userAgent, String line) {
    private static final Pattern COMBINED =
            Pattern.compile("^\\S+ \\S+ \\S+ \\[[^]]*] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) \\S+ \"[^\"]*\" \"(.*)\"\\s*$");

    /** Empty for lines that are not access-log lines. */
    public static Optional<AccessLogEntry> parse(String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AccessLogEntry(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4), line));
    }

    /** A manifest or blob read of {@code repository} (e.g. "docker-hub/library/hello"). */
    public boolean readsRepository(String repository) {
        return path.startsWith("/v2/" + repository + "/manifests/") || path.startsWith("/v2/" + repository + "/blobs/");
    }

    public boolean isManifest() {
        return path.contains("/manifests/");
    }

    public boolean isBlob() {
        return path.contains("/blobs/");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 400;
    }

    @Override
    public String toString() {
        return method + " " + path + " " + status;
    }
}

package dev.pullthrough.cli.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pullthrough.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches an image's manifest with the registry API, and when it is an index (a multi-platform image) every
 * platform's manifest too: what a pull of each platform would ask for, so the cache imports them all.
 */
final class ManifestFetcher {
    static final String ACCEPT = String.join(", ", List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json"));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;

    ManifestFetcher(HttpClient http) {
        this.http = http;
    }

    /** Where to ask and how: a base URL, the repository as that endpoint names it, extra query, credentials. */
    record Target(String baseUrl, String repository, String query, Optional<String> authorization) {
    }

    /** Thrown with the registry's own words: {@code HTTP 404 MANIFEST_UNKNOWN: manifest unknown}. */
    static final class FetchException extends Exception {
        private final int manifests;

        FetchException(String message, int manifests) {
            super(message);
            this.manifests = manifests;
        }

        int manifests() {
            return manifests;
        }
    }

    /** Fetches {@code reference} (tag or digest) and, for an index, each platform; returns how many manifests. */
    int fetch(Target target, String reference) throws FetchException, InterruptedException {
        HttpResponse<byte[]> top = get(target, reference, 0);
        int fetched = 1;
        JsonNode manifest;
        try {
            manifest = Json.STRICT.readTree(top.body());
        } catch (IOException e) {
            throw new FetchException("the manifest of " + reference + " is not JSON", fetched);
        }
        List<String> platforms = new ArrayList<>();
        for (JsonNode m : manifest.path("manifests")) {
            platforms.add(m.path("digest").asText());
        }
        for (String digest : platforms) {
            get(target, digest, fetched);
            fetched++;
        }
        return fetched;
    }

    private HttpResponse<byte[]> get(Target target, String reference, int fetchedSoFar)
            throws FetchException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v2/" + target.repository()
                        + "/manifests/" + reference + target.query()))
                .timeout(TIMEOUT).header("Accept", ACCEPT).GET();
        target.authorization().ifPresent(a -> request.header("Authorization", a));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new FetchException("cannot reach " + target.baseUrl() + ": " + e.getMessage(), fetchedSoFar);
        }
        if (response.statusCode() != 200) {
            throw new FetchException("HTTP " + response.statusCode() + registryError(response.body())
                    + (fetchedSoFar > 0 ? " (platform manifest " + reference + ")" : ""), fetchedSoFar);
        }
        return response;
    }

    /** {@code " MANIFEST_UNKNOWN: manifest unknown"} from the registry's error body, or nothing. */
    private static String registryError(byte[] body) {
        try {
            JsonNode error = Json.STRICT.readTree(body).path("errors").path(0);
            if (error.isMissingNode()) {
                return "";
            }
            return " " + error.path("code").asText() + ": " + error.path("message").asText();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}

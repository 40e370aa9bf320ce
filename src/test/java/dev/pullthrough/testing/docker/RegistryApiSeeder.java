package dev.pullthrough.testing.docker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Pushes small images straight through the registry API (blob uploads, manifest PUTs), without a Docker daemon:
 * single-platform OCI images and OCI indexes over several platforms. Layers are a few random-looking bytes;
 * distribution checks digests, not tar contents, and nothing here runs the images.
 */
public final class RegistryApiSeeder {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private final DistributionRegistry registry;
    private final HttpClient http = HttpClient.newHttpClient();

    public RegistryApiSeeder(DistributionRegistry registry) {
        this.registry = registry;
    }

    /** A manifest with one config and one layer for {@code os/arch}, pushed by digest; returns its digest. */
    public String pushPlatformImage(String repository, String os, String arch) {
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository + " " + os + "/" + arch).getBytes(StandardCharsets.UTF_8);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", pushBlob(repository, config), config.length)
                + ",\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar+gzip", pushBlob(repository, layer), layer.length)
                + "]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        String digest = digest(bytes);
        putManifest(repository, digest, OCI_MANIFEST, bytes);
        return digest;
    }

    /** A single-platform image tagged {@code tag}; returns its digest. */
    public String pushImage(String repository, String tag) {
        String digest = pushPlatformImage(repository, "linux", "amd64");
        byte[] bytes = getManifest(repository, digest);
        putManifest(repository, tag, OCI_MANIFEST, bytes);
        return digest;
    }

    /** An index over linux/amd64 and linux/arm64 tagged {@code tag}; returns the platform manifests' digests. */
    public List<String> pushIndex(String repository, String tag) {
        String amd64 = pushPlatformImage(repository, "linux", "amd64");
        String arm64 = pushPlatformImage(repository, "linux", "arm64");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + platform(amd64, size(repository, amd64), "amd64") + "," + platform(arm64, size(repository, arm64), "arm64") + "]}";
        putManifest(repository, tag, OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));
        return List.of(amd64, arm64);
    }

    private int size(String repository, String digest) {
        return getManifest(repository, digest).length;
    }

    private static String platform(String digest, int size, String arch) {
        return "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + size
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}";
    }

    private static String descriptor(String mediaType, String digest, int size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private String pushBlob(String repository, byte[] content) {
        String digest = digest(content);
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository
                + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(registry.url()).resolve(location);
        String separator = upload.getQuery() == null ? "?" : "&";
        send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), 201);
        return digest;
    }

    private void putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), 201);
    }

    private byte[] getManifest(String repository, String digest) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository
                    + "/manifests/" + digest)).header("Accept", OCI_MANIFEST + ", " + OCI_INDEX).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET manifest " + digest + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + r.statusCode()
                        + " " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

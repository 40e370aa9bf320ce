package dev.pullthrough.hook;

import dev.pullthrough.model.ImageReference;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code hook verify IMAGE}: answers "is my pull really cached?" for one image reference on this runner. Says which
 * rule serves it, under which ECR repository, which clients are pointed at the mirror for its registry, and asks the
 * mirror for the manifest ({@code HEAD}, the request a pull starts with) to show the cache answers. Exit 0 when the
 * image is served through the cache and the manifest answered 200, 1 otherwise.
 */
public final class HookVerify {
    public static final int EXIT_NOT_SERVED = ExitCodes.INVALID;

    private final StateDir dir;
    private final Console console;

    public HookVerify(StateDir dir, Console console) {
        this.dir = dir;
        this.console = console;
    }

    public int run(ImageReference image) {
        Optional<HookState> state;
        String registryHost = null;
        try {
            state = dir.readState();
            if (state.isPresent()) {
                registryHost = RegistryEndpoint.parse(state.get().registry()).authority();
            }
        } catch (IOException | InvalidHookSettingException e) {
            console.warn("cannot read state in " + dir.path() + ": " + e.getMessage());
            return EXIT_NOT_SERVED;
        }
        if (state.isEmpty()) {
            console.info(image + " is not served through the cache: the hook is not running here (no state in "
                    + dir.path() + ")");
            return EXIT_NOT_SERVED;
        }
        HookState st = state.get();
        if (image.registry().equals(registryHost)) {
            console.info(image + " names the cache registry itself: pulled from it with the Docker login the hook wrote");
            return 0;
        }
        Optional<HookUpstream> upstream = st.upstreams().stream().filter(u -> u.host().equals(image.registry()))
                .findFirst();
        if (upstream.isEmpty()) {
            console.info(image + " is not served through the cache: no mirrored rule for " + image.registry()
                    + " (mirrored here: " + String.join(", ", st.upstreams().stream().map(HookUpstream::host).toList())
                    + "); it is pulled from " + image.registry() + " directly");
            return EXIT_NOT_SERVED;
        }
        HookUpstream u = upstream.get();
        ImageReference cached = image.relocate(registryHost, u.cachedRepository(image.repository()));
        console.info(image + " is served through the cache by " + (u.rule() == null ? "the Docker Hub prefix "
                + u.prefix() : "rule \"" + u.rule() + "\"") + ", as " + cached);
        console.info("  clients pointed at the mirror for " + u.host() + ": " + String.join(", ", clients(st, u)));
        if (ProxyProcess.running(dir).isEmpty()) {
            console.info("  mirror down: pulls fall back to " + u.host());
            return EXIT_NOT_SERVED;
        }
        int status = headManifest(st.listen(), u.host(), image);
        console.info("  HEAD manifest through the mirror " + st.listen() + ": HTTP " + status
                + (status == 200 ? "" : " (the pull falls back to " + u.host() + "; see " + dir.logFile() + ")"));
        return status == 200 ? 0 : EXIT_NOT_SERVED;
    }

    /** Which clients the hook pointed at the mirror for this upstream (from the files it changed). */
    static List<String> clients(HookState st, HookUpstream u) {
        List<String> out = new java.util.ArrayList<>();
        if (u.host().equals(UpstreamRoutes.DEFAULT_UPSTREAM) && changed(st, ConfigFileKind.DAEMON_JSON, null)) {
            out.add("dockerd");
        }
        if (changed(st, ConfigFileKind.HOSTS_TOML, Path.of(u.host(), "hosts.toml"))) {
            out.add("containerd");
        }
        if (changed(st, ConfigFileKind.BUILDKITD_TOML, null)) {
            out.add("BuildKit");
        }
        if (out.isEmpty()) {
            out.add("none (explicit paths only)");
        }
        return out;
    }

    private static boolean changed(HookState st, ConfigFileKind kind, Path suffix) {
        return st.changes().stream().anyMatch(c -> c.kind().equals(kind)
                && (suffix == null || Path.of(c.path()).endsWith(suffix)));
    }

    private static int headManifest(String listen, String upstream, ImageReference image) {
        String reference = image.digest().orElse(image.tag().orElse("latest"));
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + listen + "/v2/" + image.repository()
                    + "/manifests/" + reference + "?ns=" + upstream).toURL().openConnection(Proxy.NO_PROXY);
            c.setRequestMethod("HEAD");
            c.setRequestProperty("Accept", String.join(", ", List.of(
                    "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
                    "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json")));
            c.setConnectTimeout(5000);
            c.setReadTimeout(30000);
            int status = c.getResponseCode();
            c.disconnect();
            return status;
        } catch (IOException e) {
            return 502;
        }
    }
}

package dev.pullthrough.model;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The upstream registries ECR pull-through cache supports, keyed by the {@code upstream_registry_url} AWS expects.
 *
 * <p>Source: ECR API reference, CreatePullThroughCacheRule, and the ECR user guide page "pull-through-cache".
 */
public enum UpstreamKind {
    DOCKER_HUB("Docker Hub", "registry-1.docker.io", true, "docker.io"),
    ECR_PUBLIC("ECR Public", "public.ecr.aws", false, "public.ecr.aws"),
    KUBERNETES("Kubernetes", "registry.k8s.io", false, "registry.k8s.io"),
    QUAY("Quay", "quay.io", false, "quay.io"),
    GITHUB("GitHub Container Registry", "ghcr.io", true, "ghcr.io"),
    GITLAB("GitLab Container Registry", "registry.gitlab.com", true, "registry.gitlab.com"),
    AZURE("Azure Container Registry", "<name>.azurecr.io", true, null),
    CHAINGUARD("Chainguard", "cgr.dev", true, "cgr.dev"),
    ECR("Amazon ECR (ECR-to-ECR)", "<account>.dkr.ecr.<region>.amazonaws.com", false, null);

    /** Azure registry names are 5-50 lowercase letters and digits. Public for the generated Terraform validation. */
    public static final String AZURE_HOST_PATTERN = "[a-z0-9]{5,50}\\.azurecr\\.io";
    /**
     * A private ECR registry host whose DNS suffix fits its region's partition: {@code amazonaws.com.cn} for a China
     * region, {@code amazonaws.com} for every other (GovCloud included; not the isolated partitions, see
     * {@link RegistryCoordinates#ISOLATED_REGION_PATTERN}). Spelled without lookahead ("a region not
     * starting with cn-" as two letter classes) because Terraform's RE2 has none and the modules use it as it is.
     */
    public static final String ECR_HOST_PATTERN = "[0-9]{12}\\.dkr\\.ecr\\.(?:"
            + "cn-[a-z]+-[0-9]{1,2}\\.amazonaws\\.com\\.cn"
            + "|(?:[a-bd-z][a-z]|c[a-mo-z])(?:-gov)?-[a-z]+-[0-9]{1,2}\\.amazonaws\\.com)";
    /** Looks like someone meant an ECR host: worth a more specific message than "unsupported upstream". */
    public static final String ECR_LIKE_PATTERN = ".*\\.dkr\\.ecr\\..*|.*\\.ecr\\..*amazonaws.*";
    static final Pattern AZURE_HOST = Pattern.compile(AZURE_HOST_PATTERN);
    static final Pattern ECR_HOST = Pattern.compile(ECR_HOST_PATTERN);

    /**
     * Host names users write for an upstream (lower case, without scheme or trailing slash), to the
     * {@code upstream_registry_url} AWS expects. Public so that the generated Terraform suggests the same fixes.
     */
    public static final Map<String, String> ALIASES = aliases();

    private final String displayName;
    private final String urlForm;
    private final boolean credentialRequired;
    private final String imageRegistry;

    UpstreamKind(String displayName, String urlForm, boolean credentialRequired, String imageRegistry) {
        this.displayName = displayName;
        this.urlForm = urlForm;
        this.credentialRequired = credentialRequired;
        this.imageRegistry = imageRegistry;
    }

    public String displayName() {
        return displayName;
    }

    /** The {@code upstream_registry_url} AWS expects, with placeholders for the two families of hosts. */
    public String urlForm() {
        return urlForm;
    }

    /** Whether AWS rejects a rule for this upstream without a Secrets Manager credential. */
    public boolean credentialRequired() {
        return credentialRequired;
    }

    /** Whether {@code upstream_repository_prefix} and {@code custom_role_arn} apply (ECR-to-ECR only). */
    public boolean isEcr() {
        return this == ECR;
    }

    /**
     * The registry name image references use for this upstream ({@code docker.io} for Docker Hub), or the
     * upstream URL itself for host families.
     */
    public String imageRegistry(String upstreamUrl) {
        return imageRegistry != null ? imageRegistry : upstreamUrl;
    }

    /** The kind for an exact {@code upstream_registry_url}; empty when AWS would not accept the URL. */
    public static Optional<UpstreamKind> classify(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.trim();
        for (UpstreamKind kind : values()) {
            if (kind.urlForm.equals(u)) {
                return Optional.of(kind);
            }
        }
        if (AZURE_HOST.matcher(u).matches()) {
            return Optional.of(AZURE);
        }
        if (ECR_HOST.matcher(u).matches()) {
            return Optional.of(ECR);
        }
        return Optional.empty();
    }

    /**
     * What a user most likely meant by a URL AWS would not accept: {@code docker.io} means
     * {@code registry-1.docker.io}. Empty when there is no single good guess.
     */
    public static Optional<String> suggestionFor(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = normalise(url);
        String alias = ALIASES.get(u);
        if (alias != null) {
            return Optional.of(alias);
        }
        return classify(u).map(k -> u).filter(s -> !s.equals(url));
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new TreeMap<>();
        for (String host : List.of("docker.io", "index.docker.io", "registry.hub.docker.com", "hub.docker.com",
                "registry-1.docker.io")) {
            aliases.put(host, "registry-1.docker.io");
        }
        aliases.put("k8s.gcr.io", "registry.k8s.io");
        aliases.put("registry.k8s.io", "registry.k8s.io");
        aliases.put("public.ecr.aws", "public.ecr.aws");
        for (String host : List.of("github.com", "docker.pkg.github.com", "ghcr.io")) {
            aliases.put(host, "ghcr.io");
        }
        aliases.put("gitlab.com", "registry.gitlab.com");
        aliases.put("registry.gitlab.com", "registry.gitlab.com");
        aliases.put("quay.io", "quay.io");
        aliases.put("www.quay.io", "quay.io");
        aliases.put("cgr.dev", "cgr.dev");
        return Collections.unmodifiableMap(aliases);
    }

    /** Lower case, without scheme and trailing slashes: what a user most likely meant as the host. */
    private static String normalise(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** The accepted URL forms, for error messages. */
    public static String supportedForms() {
        StringBuilder b = new StringBuilder();
        for (UpstreamKind kind : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(kind.urlForm);
        }
        return b.toString();
    }
}

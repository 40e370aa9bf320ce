package dev.pullthrough.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Logs the Docker client into the ECR host by writing {@code auths["<host>"].auth} in {@code config.json}, as
 * {@code docker login} would, so explicit mirror paths ({@code ${RUNS_ON_ECR_PULL_THROUGH_CACHE}/<prefix>/<image>})
 * pull with the token. Other keys and other registries' entries are kept. The output is tab-indented like the
 * Docker CLI's own. The file holds a credential: the writer gives it mode 0600.
 */
public final class DockerConfigLogin {
    static final String LABEL = ConfigFileKind.DOCKER_CONFIG.label();

    private DockerConfigLogin() {
    }

    /**
     * @param original the file's bytes, or null when it does not exist
     * @param registryHost the key docker uses: host[:port], no scheme
     * @param basicAuth base64 of {@code AWS:<password>} (ECR's authorizationToken as issued)
     */
    public static byte[] merge(byte[] original, String registryHost, String basicAuth) throws InvalidConfigFileException {
        ObjectNode root = check(original);
        JsonNode auths = root.get("auths");
        ObjectNode authsObject = auths instanceof ObjectNode o ? o : root.putObject("auths");
        ObjectNode entry = JsonFiles.MAPPER.createObjectNode();
        entry.put("auth", basicAuth);
        authsObject.set(registryHost, entry);
        return JsonFiles.write(root, "\t");
    }

    /** The file read as a config.json the login can be merged into (before there is a token to merge). */
    public static ObjectNode check(byte[] original) throws InvalidConfigFileException {
        ObjectNode root = JsonFiles.readObject(original, LABEL);
        JsonNode auths = root.get("auths");
        if (auths != null && !auths.isNull() && !auths.isObject()) {
            throw new InvalidConfigFileException(LABEL, "\"auths\" must be an object, found " + auths.getNodeType());
        }
        return root;
    }

    /** Removes the host's entry again (used when the file changed after the hook wrote it). */
    public static byte[] remove(byte[] current, String registryHost) throws InvalidConfigFileException {
        ObjectNode root = JsonFiles.readObject(current, LABEL);
        if (root.get("auths") instanceof ObjectNode auths) {
            auths.remove(registryHost);
        }
        return JsonFiles.write(root, "\t");
    }

    /** The {@code auth} value stored for the host, if any. */
    public static Optional<String> auth(byte[] config, String registryHost) throws InvalidConfigFileException {
        JsonNode auth = JsonFiles.readObject(config, LABEL).path("auths").path(registryHost).path("auth");
        return auth.isTextual() ? Optional.of(auth.asText()) : Optional.empty();
    }

    /**
     * A warning when Docker will not read {@code auths} for the host: with a {@code credsStore} (or a credential
     * helper for that host) the CLI asks the helper instead.
     */
    public static Optional<String> helperWarning(byte[] original, String registryHost) throws InvalidConfigFileException {
        ObjectNode root = JsonFiles.readObject(original, LABEL);
        JsonNode helpers = root.get("credHelpers");
        if (helpers != null && helpers.has(registryHost)) {
            return Optional.of("config.json sets credHelpers[\"" + registryHost + "\"]; docker uses that helper, not the"
                    + " login the hook writes");
        }
        JsonNode store = root.get("credsStore");
        if (store != null && store.isTextual() && !store.asText().isEmpty()) {
            return Optional.of("config.json sets credsStore \"" + store.asText() + "\"; docker reads credentials from it,"
                    + " not from the login the hook writes (explicit mirror paths may need `docker login`)");
        }
        return Optional.empty();
    }
}

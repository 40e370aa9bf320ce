package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keeps the Docker client's login that {@code start} wrote valid past the first token's 12 hours, for explicit mirror
 * paths on long-lived runners: on each token refresh the mirror replaces the entry. Only an entry that still holds
 * the previous token is replaced; a login someone else wrote, or a file {@code stop} already restored, is left alone.
 */
final class DockerLoginRefresher implements BiConsumer<EcrToken, EcrToken> {
    private final Path configFile;
    private final String host;
    private final Consumer<String> log;

    DockerLoginRefresher(Path configFile, String host, Consumer<String> log) {
        this.configFile = configFile;
        this.host = host;
        this.log = log;
    }

    @Override
    public void accept(EcrToken previous, EcrToken fresh) {
        try {
            Optional<byte[]> current = AtomicFiles.read(configFile);
            if (current.isEmpty()
                    || !previous.authorizationToken().equals(DockerConfigLogin.auth(current.get(), host).orElse(null))) {
                return;
            }
            AtomicFiles.write(configFile, DockerConfigLogin.merge(current.get(), host, fresh.authorizationToken()),
                    AtomicFiles.OWNER_ONLY);
            log.accept("docker login for " + host + " in " + configFile + " refreshed");
        } catch (IOException | InvalidConfigFileException | RuntimeException e) {
            log.accept("warning: cannot refresh the docker login in " + configFile + ": " + e.getMessage());
        }
    }
}

package dev.pullthrough.hook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of user file the hook edits. The label is what messages and {@code state.json} say (a state file written
 * by an earlier version, with the same strings, still reads).
 */
public enum ConfigFileKind {
    /** dockerd's daemon config: the mirror first in {@code registry-mirrors}; a change needs a reload. */
    DAEMON_JSON("daemon.json"),
    /** containerd's {@code certs.d/docker.io/hosts.toml}. */
    HOSTS_TOML("hosts.toml"),
    /** BuildKit's daemon config. */
    BUILDKITD_TOML("buildkitd.toml"),
    /** The Docker client's {@code config.json}: holds the login (a credential, mode 0600). */
    DOCKER_CONFIG("config.json");

    private final String label;

    ConfigFileKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static ConfigFileKind ofLabel(String label) {
        for (ConfigFileKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown file kind \"" + label + "\"");
    }

    @Override
    public String toString() {
        return label;
    }
}

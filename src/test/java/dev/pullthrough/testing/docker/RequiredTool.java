package dev.pullthrough.testing.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The external programs the harness starts, found on PATH or at their Debian location. */
public enum RequiredTool {
    DOCKERD("dockerd", "docker.io", "/usr/sbin/dockerd"),
    DOCKER("docker", "docker.io", "/usr/bin/docker"),
    DISTRIBUTION("docker-registry", "docker-registry", "/usr/bin/docker-registry"),
    HTPASSWD("htpasswd", "apache2-utils", "/usr/bin/htpasswd"),
    CONTAINERD("containerd", "containerd", "/usr/bin/containerd"),
    CTR("ctr", "containerd", "/usr/bin/ctr"),
    BUSYBOX("busybox", "busybox-static", "/bin/busybox"),
    TAR("tar", "tar", "/bin/tar");

    private final String command;
    private final String aptPackage;
    private final String debianPath;

    RequiredTool(String command, String aptPackage, String debianPath) {
        this.command = command;
        this.aptPackage = aptPackage;
        this.debianPath = debianPath;
    }

    /** The executable, or a {@link MissingToolException} that says how to install it. */
    public Path path() {
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : pathVariable.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String extra : List.of(debianPath, "/usr/sbin/" + command, "/sbin/" + command)) {
            Path candidate = Path.of(extra);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new MissingToolException(command, aptPackage);
    }

    public String command() {
        return command;
    }
}

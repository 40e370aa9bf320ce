package dev.pullthrough.testing.terraform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds the terraform executable: {@code PT_TERRAFORM} (a path or a command name) or {@code terraform} on PATH. */
public final class TerraformBinary {
    public static final String ENV_TERRAFORM = "PT_TERRAFORM";

    private TerraformBinary() {
    }

    /** @throws TerraformNotFoundException with install instructions when there is no usable executable */
    public static Path locate(Map<String, String> env) {
        String wanted = Optional.ofNullable(env.get(ENV_TERRAFORM)).filter(s -> !s.isBlank()).orElse("terraform");
        Path found = wanted.contains(File.separator)
                ? Path.of(wanted)
                : searchPath(wanted, env.getOrDefault("PATH", "")).orElse(null);
        if (found == null) {
            throw new TerraformNotFoundException(wanted, "not found on PATH");
        }
        if (!Files.isRegularFile(found) || !Files.isExecutable(found)) {
            throw new TerraformNotFoundException(wanted, found + " is not an executable file");
        }
        return found;
    }

    public static Path locate() {
        return locate(System.getenv());
    }

    static Optional<Path> searchPath(String name, String pathVariable) {
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

package dev.pullthrough.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends {@code NAME=value} lines to the file GitHub Actions reads environment for later steps from. */
final class GithubEnv {
    private GithubEnv() {
    }

    static void append(Path file, Map<String, String> values) throws IOException {
        StringBuilder lines = new StringBuilder();
        values.forEach((k, v) -> {
            if (v.contains("\n") || v.contains("\r")) {
                throw new IllegalArgumentException(k + " has a line break");
            }
            lines.append(k).append('=').append(v).append('\n');
        });
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }
}

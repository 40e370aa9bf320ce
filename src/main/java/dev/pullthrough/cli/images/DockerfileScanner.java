package dev.pullthrough.cli.images;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the images a Dockerfile (or Containerfile) pulls: every {@code FROM} that is not an earlier stage or
 * {@code scratch}, {@code COPY --from=<image>} and {@code RUN --mount=...,from=<image>}. Follows the builder's rules:
 * the {@code # escape=} directive, line continuations (with comment and empty lines inside them skipped), heredoc
 * bodies skipped, instructions case-insensitive, {@code ARG}s before the first {@code FROM} substituted into
 * {@code FROM} and the stage's own {@code ARG}s (re-declared globals included) into {@code --from} values.
 */
final class DockerfileScanner {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");

    private DockerfileScanner() {
    }

    /** One instruction joined from its physical lines, with the line it starts on. */
    record Instruction(int line, String keyword, String arguments) {
    }

    static List<FoundImage> scan(String file, String text) {
        List<FoundImage> found = new ArrayList<>();
        Map<String, String> globalArgs = new HashMap<>();
        Map<String, String> stageArgs = null;
        Set<String> stages = new HashSet<>();
        for (Instruction in : instructions(text)) {
            switch (in.keyword()) {
                case "ARG" -> declareArgs(in.arguments(), stageArgs == null ? globalArgs : stageArgs, globalArgs,
                        stageArgs == null);
                case "FROM" -> {
                    from(file, in, globalArgs, stages).ifPresent(found::add);
                    stageArgs = new HashMap<>();
                }
                case "COPY" -> {
                    Map<String, String> vars = args(globalArgs, stageArgs);
                    flagValues(in.arguments(), "--from").forEach(v ->
                            image(file, in.line(), "COPY --from", v, vars, stages).ifPresent(found::add));
                }
                case "RUN" -> {
                    Map<String, String> vars = args(globalArgs, stageArgs);
                    flagValues(in.arguments(), "--mount").forEach(mount -> mountFrom(mount).ifPresent(v ->
                            image(file, in.line(), "RUN --mount from", v, vars, stages).ifPresent(found::add)));
                }
                default -> { }
            }
        }
        return found;
    }

    /** The variables a stage's flags may use: its own ARGs; a global only once the stage re-declares it. */
    private static Map<String, String> args(Map<String, String> global, Map<String, String> stage) {
        return stage == null ? global : stage;
    }

    private static Optional<FoundImage> from(String file, Instruction in, Map<String, String> globalArgs, Set<String> stages) {
        List<String> words = words(in.arguments());
        Optional<String> platform = Optional.empty();
        int i = 0;
        while (i < words.size() && words.get(i).startsWith("--")) {
            String flag = words.get(i);
            if (flag.startsWith("--platform=")) {
                platform = Optional.of(flag.substring("--platform=".length()));
            }
            i++;
        }
        if (i >= words.size()) {
            return Optional.empty();
        }
        String written = words.get(i);
        if (i + 2 < words.size() && words.get(i + 1).equalsIgnoreCase("AS")) {
            // Register after resolving: "FROM node AS node" pulls node.
            Optional<FoundImage> image = image(file, in.line(), "FROM", written, globalArgs, stages);
            stages.add(words.get(i + 2).toLowerCase(Locale.ROOT));
            return withPlatform(image, platform);
        }
        return withPlatform(image(file, in.line(), "FROM", written, globalArgs, stages), platform);
    }

    private static Optional<FoundImage> withPlatform(Optional<FoundImage> image, Optional<String> platform) {
        return image.map(f -> new FoundImage(f.file(), f.line(), f.kind(), f.where(), f.written(), f.expansion(), platform));
    }

    private static Optional<FoundImage> image(String file, int line, String where, String written,
                                              Map<String, String> vars, Set<String> stages) {
        Expansion expansion = Expansion.expand(written, vars);
        if (expansion.text().isPresent()) {
            String value = expansion.text().get();
            String lower = value.toLowerCase(Locale.ROOT);
            if (stages.contains(lower) || lower.equals("scratch") || value.matches("[0-9]+")) {
                return Optional.empty();
            }
        } else if (stages.contains(written.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(FoundImage.of(file, line, SourceKind.DOCKERFILE, where, written, expansion));
    }

    private static void declareArgs(String arguments, Map<String, String> into, Map<String, String> global,
                                    boolean isGlobal) {
        for (String word : words(arguments)) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (eq < 0) {
                // "ARG NAME" in a stage takes the global default; a bare global is declared but unset.
                into.put(name, isGlobal ? null : global.get(name));
            } else {
                Expansion value = Expansion.expand(unquote(word.substring(eq + 1)), into);
                into.put(name, value.text().orElse(null));
            }
        }
    }

    /** The values of {@code --name=value} flags at the start of an instruction's arguments. */
    private static List<String> flagValues(String arguments, String name) {
        List<String> values = new ArrayList<>();
        for (String word : words(arguments)) {
            if (!word.startsWith("--")) {
                break;
            }
            if (word.startsWith(name + "=")) {
                values.add(unquote(word.substring(name.length() + 1)));
            }
        }
        return values;
    }

    private static Optional<String> mountFrom(String mount) {
        for (String option : mount.split(",")) {
            int eq = option.indexOf('=');
            if (eq > 0 && option.substring(0, eq).trim().equals("from")) {
                return Optional.of(unquote(option.substring(eq + 1).trim()));
            }
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static List<String> words(String arguments) {
        List<String> words = new ArrayList<>();
        for (String w : arguments.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Splits the text into instructions the way the builder does. */
    static List<Instruction> instructions(String text) {
        String[] lines = text.split("\r?\n", -1);
        char escape = '\\';
        int i = 0;
        while (i < lines.length) {
            Matcher d = DIRECTIVE.matcher(lines[i]);
            if (!d.matches()) {
                break;
            }
            if (d.group(1).equalsIgnoreCase("escape") && d.group(2).length() == 1) {
                escape = d.group(2).charAt(0);
            }
            i++;
        }
        List<Instruction> out = new ArrayList<>();
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder joined = new StringBuilder();
            String current = trimmed;
            i++;
            while (current.endsWith(String.valueOf(escape))) {
                joined.append(current, 0, current.length() - 1).append(' ');
                current = null;
                while (i < lines.length) {
                    String next = lines[i].strip();
                    i++;
                    if (next.isEmpty() || next.startsWith("#")) {
                        continue;
                    }
                    current = next;
                    break;
                }
                if (current == null) {
                    current = "";
                }
            }
            joined.append(current);
            String instruction = joined.toString().strip();
            int space = firstSpace(instruction);
            String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : instruction.substring(space + 1).strip();
            out.add(new Instruction(start, keyword, arguments));
            if (HEREDOC_INSTRUCTIONS.contains(keyword)) {
                i = skipHeredocs(lines, i, arguments);
            }
        }
        return out;
    }

    private static int firstSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    /** Skips the bodies of the heredocs an instruction opens ({@code <<EOF}, {@code <<-EOF}, quoted), in order. */
    private static int skipHeredocs(String[] lines, int from, String arguments) {
        int i = from;
        Matcher m = HEREDOC.matcher(arguments);
        while (m.find()) {
            boolean stripTabs = !m.group(1).isEmpty();
            String delimiter = m.group(3);
            while (i < lines.length) {
                String body = stripTabs ? lines[i].replaceFirst("^\t+", "") : lines[i];
                i++;
                if (body.equals(delimiter) || body.strip().equals(delimiter) && stripTabs) {
                    break;
                }
            }
        }
        return i;
    }
}

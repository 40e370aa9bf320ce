package dev.pullthrough.testing.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake terraform for the harness's own tests: answers per sub-command from a script and records every call. */
final class ScriptedRunner implements CommandRunner {
    private final Map<String, Deque<ProcessOutput>> script = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();
    Map<String, String> lastEnvironment;

    /** Queues answers for a sub-command; the last one repeats. Unscripted sub-commands succeed with no output. */
    ScriptedRunner on(String subcommand, ProcessOutput... outputs) {
        script.computeIfAbsent(subcommand, k -> new ArrayDeque<>()).addAll(List.of(outputs));
        return this;
    }

    @Override
    public ProcessOutput run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout) {
        calls.add(List.copyOf(command.subList(1, command.size())));
        lastEnvironment = environment;
        Deque<ProcessOutput> answers = script.get(command.get(1));
        if (answers == null || answers.isEmpty()) {
            return ProcessOutput.ok("");
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    List<String> subcommands() {
        return calls.stream().map(c -> c.get(0)).toList();
    }
}

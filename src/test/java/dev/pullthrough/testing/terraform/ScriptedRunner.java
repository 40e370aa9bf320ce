package dev.pullthrough.testing.terraform;

import dev.pullthrough.testing.process.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake terraform for the harness's own tests: answers per sub-command from a script and records every call. */
final class ScriptedRunner implements TerraformRunner {
    /** One scripted answer: what the fake terraform exits with and prints. */
    record Answer(int exitCode, String stdout, String stderr) {
        static Answer ok(String stdout) {
            return new Answer(0, stdout, "");
        }

        static Answer failed(int exitCode, String stderr) {
            return new Answer(exitCode, "", stderr);
        }
    }

    private final Map<String, Deque<Answer>> script = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();
    Map<String, String> lastEnvironment;

    /** Queues answers for a sub-command; the last one repeats. Unscripted sub-commands succeed with no output. */
    ScriptedRunner on(String subcommand, Answer... answers) {
        script.computeIfAbsent(subcommand, k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    @Override
    public ProcessResult run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout) {
        calls.add(List.copyOf(command.subList(1, command.size())));
        lastEnvironment = environment;
        Deque<Answer> answers = script.get(command.get(1));
        Answer answer = answers == null || answers.isEmpty() ? Answer.ok("")
                : answers.size() > 1 ? answers.poll() : answers.peek();
        return new ProcessResult(command, answer.exitCode(), answer.stdout(), answer.stderr(), Duration.ZERO, false);
    }

    List<String> subcommands() {
        return calls.stream().map(c -> c.get(0)).toList();
    }
}

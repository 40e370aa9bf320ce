package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a rules file (the ecr_pull_through_cache_rules map, as JSON) against every AWS constraint.",
            "Problems go to stderr, one line each. Exit 0 valid, 1 invalid, 2 unreadable or not that shape."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "JSON map of rule key -> {ecr_repository_prefix, upstream_registry_url,"
            + " upstream_repository_prefix, credential_arn, custom_role_arn}; - for standard input")
    Path file;

    @Option(names = "--existing", description = "Check the rules as references to rules that already exist"
            + " (credentials not required), as the runner side does. Default: check that AWS would create them.")
    boolean existing;

    @Override
    public Integer call() throws RulesFileException {
        RuleSet rules = RulesFile.read(file);
        ValidationReport report = rules.validate(existing ? ValidationMode.EXISTING : ValidationMode.CREATE);
        PrintWriter err = spec.commandLine().getErr();
        for (Problem p : report.errors()) {
            err.println("error: " + p.message());
        }
        for (Problem p : report.warnings()) {
            err.println("warning: " + p.message());
        }
        if (report.isValid()) {
            spec.commandLine().getOut().println("valid: " + rules.rules().size() + " rule(s) in " + file);
            return ExitCodes.OK;
        }
        return ExitCodes.INVALID;
    }
}

package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.iam.PolicyDocument;
import dev.pullthrough.iam.RunnerPolicy;
import dev.pullthrough.model.Partition;
import dev.pullthrough.model.Problem;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Prints the least-privilege runner IAM policy (EcrPullThroughCacheAccess) for a rules file.",
            "Warnings (ROOT breadth) go to stderr. Exit 1 when the rules are invalid, 2 when unusable."})
final class PolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "JSON rules file, as for 'validate'; - for standard input")
    Path file;

    @Option(names = "--account-id", required = true, description = "12-digit account id of the cache registry")
    String accountId;

    @Option(names = "--region", required = true, description = "region of the cache registry, e.g. us-east-1")
    String region;

    @Option(names = "--partition", description = "aws (default: from the region)")
    String partition;

    @Override
    public Integer call() throws RulesFileException {
        RegistryCoordinates coordinates = partition == null
                ? RegistryCoordinates.of(accountId, region)
                : RegistryCoordinates.of(accountId, region, Partition.fromId(partition));
        RuleSet rules = RulesFile.read(file);
        ValidationReport report = rules.validate(ValidationMode.EXISTING);
        if (!report.isValid()) {
            report.errors().forEach(p -> spec.commandLine().getErr().println("error: " + p.message()));
            return ExitCodes.INVALID;
        }
        PolicyDocument policy = RunnerPolicy.from(rules, coordinates.arnScope());
        for (Problem w : report.warnings()) {
            spec.commandLine().getErr().println("warning: " + w.message());
        }
        spec.commandLine().getOut().println(policy.toJson());
        return ExitCodes.OK;
    }
}

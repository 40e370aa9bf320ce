package dev.pullthrough.cli;

import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.model.ImageReference;
import dev.pullthrough.model.MirrorReference;
import dev.pullthrough.model.NoMatchingRuleException;
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

@Command(name = "mirror-ref", mixinStandardHelpOptions = true,
        description = {"Prints the reference that pulls IMAGE through the cache.",
            "For example node:22 -> <registry>/docker-hub/library/node:22.",
            "Exit 1 when no rule caches the image's registry, 2 when IMAGE, --registry or --rules is unusable."})
final class MirrorRefCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "image reference as you would pull it, e.g. node:22")
    String image;

    @Option(names = "--registry", required = true, defaultValue = "${env:RUNS_ON_ECR_PULL_THROUGH_CACHE}",
            description = "ECR registry host of the cache, <account>.dkr.ecr.<region>.amazonaws.com"
                    + " (default: $RUNS_ON_ECR_PULL_THROUGH_CACHE)")
    String registry;

    @Option(names = "--rules", required = true, description = "JSON rules file, as for 'validate'; - for standard input")
    Path rules;

    @Override
    public Integer call() throws RulesFileException {
        String registryHost = RegistryHostArgument.parse("--registry", registry);
        ImageReference reference = ImageReference.parse(image);
        RuleSet ruleSet = RulesFile.read(rules);
        ValidationReport report = ruleSet.validate(ValidationMode.EXISTING);
        if (!report.isValid()) {
            report.errors().forEach(p -> spec.commandLine().getErr().println("error: " + p.message()));
            return ExitCodes.INVALID;
        }
        try {
            spec.commandLine().getOut().println(MirrorReference.rewrite(reference, ruleSet, registryHost));
            return ExitCodes.OK;
        } catch (NoMatchingRuleException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}

package dev.pullthrough.cli;

import dev.pullthrough.cli.images.Coverage;
import dev.pullthrough.cli.images.ImageAnalysis;
import dev.pullthrough.cli.images.ImageScan;
import dev.pullthrough.cli.images.ImagesReport;
import dev.pullthrough.cli.images.JsonOutput;
import dev.pullthrough.cli.images.ScanResult;
import dev.pullthrough.cli.images.SkippedFile;
import dev.pullthrough.cli.images.TableOutput;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the image references in GitHub Actions workflows and actions,",
            "Dockerfiles, compose files, GitLab CI and Kubernetes/Helm-rendered manifests",
            "under each PATH; says which rule caches each image, how a runner reaches it,",
            "and its mirror reference. References built from expressions ($$BASE,",
            "$${{ matrix.image }}) are listed as unresolved, never guessed.",
            "Exit 0 done; 1 invalid rules, or with --fail-uncovered an uncovered or",
            "invalid reference; 2 unreadable input. JSON output contract: docs/IMAGES.md."})
final class ImagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "files or directories to scan (default: .)")
    List<Path> paths;

    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "JSON rules file, as for 'validate'; - for standard input")
    Path rules;

    @Option(names = "--registry", paramLabel = "HOST", defaultValue = "${env:RUNS_ON_ECR_PULL_THROUGH_CACHE}",
            description = {"cache registry host for mirror references (default: $RUNS_ON_ECR_PULL_THROUGH_CACHE;",
                "without it they are written with $${RUNS_ON_ECR_PULL_THROUGH_CACHE})"})
    String registry;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
            description = "output format (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--fail-uncovered", description = "exit 1 when any resolved reference is uncovered or invalid (CI gate)")
    boolean failUncovered;

    enum Format { table, json }

    @Override
    public Integer call() throws RulesFileException, IOException {
        RuleSet ruleSet = RulesFile.read(rules);
        ValidationReport validation = ruleSet.validate(ValidationMode.EXISTING);
        PrintWriter err = spec.commandLine().getErr();
        if (!validation.isValid()) {
            validation.errors().forEach(p -> err.println("error: " + p.message()));
            return ExitCodes.INVALID;
        }
        Optional<String> host = Optional.ofNullable(registry).filter(r -> !r.isBlank())
                .map(r -> RegistryHostArgument.parse("--registry", r));
        ScanResult scan = ImageScan.scan(paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths);
        ImagesReport report = new ImagesReport(new ImageAnalysis(ruleSet, host).analyse(scan.found()),
                scan.filesScanned(), scan.skipped(), host);
        for (SkippedFile s : report.skipped()) {
            err.println("warning: " + s.file() + ": skipped, " + s.reason());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? JsonOutput.render(report) + "\n" : TableOutput.render(report));
        out.flush();
        boolean gateFails = report.count(Coverage.UNCOVERED) + report.count(Coverage.INVALID) > 0;
        return failUncovered && gateFails ? ExitCodes.INVALID : ExitCodes.OK;
    }
}

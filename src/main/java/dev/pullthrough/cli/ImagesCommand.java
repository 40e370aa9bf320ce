package dev.pullthrough.cli;

import dev.pullthrough.cli.images.Coverage;
import dev.pullthrough.cli.images.ImageAnalysis;
import dev.pullthrough.cli.images.ImageScan;
import dev.pullthrough.cli.images.ImagesReport;
import dev.pullthrough.cli.images.JsonOutput;
import dev.pullthrough.cli.images.ScanResult;
import dev.pullthrough.cli.images.SkippedFile;
import dev.pullthrough.cli.images.TableOutput;
import dev.pullthrough.cli.images.CacheWarmer;
import dev.pullthrough.cli.images.EcrCacheContents;
import dev.pullthrough.cli.images.WarmOutcome;
import dev.pullthrough.cli.images.WarmReport;
import dev.pullthrough.hook.EcrTokenSource;
import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.hook.InvalidHookSettingException;
import dev.pullthrough.hook.RegistryEndpoint;
import dev.pullthrough.hook.RulesFile;
import dev.pullthrough.hook.RulesFileException;
import dev.pullthrough.model.RegistryCoordinates;
import dev.pullthrough.model.RuleSet;
import dev.pullthrough.model.ValidationMode;
import dev.pullthrough.model.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
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

    @Option(names = "--warm", description = {"fetch each covered image's manifests (every platform of an index) through",
        "the cache, so the first job does not wait for the upstream; needs --registry"})
    boolean warm;

    @Option(names = "--warm-concurrency", paramLabel = "N", defaultValue = "4",
            description = "images warmed at the same time (default: ${DEFAULT-VALUE})")
    int warmConcurrency;

    @Option(names = "--mirror", paramLabel = "URL", description = {"warm through the hook's mirror at URL (e.g.",
        "http://127.0.0.1:5055) for the upstreams it mirrors; others go to the registry with the ECR token"})
    String mirror;

    @Option(names = "--registry-endpoint", paramLabel = "URL", description = {"send --warm's registry requests here",
        "instead of https://<registry> (a loopback stand-in or TLS proxy; http:// only for loopback)"})
    String registryEndpoint;

    enum Format { table, json }

    @Override
    public Integer call() throws RulesFileException, IOException, InvalidHookSettingException, InterruptedException {
        RuleSet ruleSet = RulesFile.read(rules);
        ValidationReport validation = ruleSet.validate(ValidationMode.EXISTING);
        PrintWriter err = spec.commandLine().getErr();
        if (!validation.isValid()) {
            validation.errors().forEach(p -> err.println("error: " + p.message()));
            return ExitCodes.INVALID;
        }
        Optional<String> host = Optional.ofNullable(registry).filter(r -> !r.isBlank())
                .map(r -> RegistryHostArgument.parse("--registry", r));
        if (warm && host.isEmpty()) {
            throw new InvalidHookSettingException("--registry", "",
                    "--warm needs the cache registry: pass --registry or set RUNS_ON_ECR_PULL_THROUGH_CACHE");
        }
        if (warmConcurrency < 1 || warmConcurrency > 64) {
            throw new InvalidHookSettingException("--warm-concurrency", String.valueOf(warmConcurrency),
                    "give a number from 1 to 64");
        }
        Optional<String> mirrorUrl = mirror == null ? Optional.empty() : Optional.of(endpoint("--mirror", mirror));
        String registryUrl = registryEndpoint != null ? endpoint("--registry-endpoint", registryEndpoint)
                : host.map(h -> "https://" + h).orElse("");
        ScanResult scan = ImageScan.scan(paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths);
        ImagesReport report = new ImagesReport(new ImageAnalysis(ruleSet, host).analyse(scan.found()),
                scan.filesScanned(), scan.skipped(), host);
        for (SkippedFile s : report.skipped()) {
            err.println("warning: " + s.file() + ": skipped, " + s.reason());
        }
        Optional<WarmReport> warmed = warm ? Optional.of(warm(report, host.get(), mirrorUrl, registryUrl, err))
                : Optional.empty();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? JsonOutput.render(report, warmed) + "\n"
                : TableOutput.render(report) + warmed.map(TableOutput::warmSummary).orElse(""));
        out.flush();
        boolean gateFails = report.count(Coverage.UNCOVERED) + report.count(Coverage.INVALID) > 0;
        boolean warmFailed = warmed.filter(w -> w.count(WarmOutcome.Status.FAILED) > 0).isPresent();
        return failUncovered && gateFails || warmFailed ? ExitCodes.INVALID : ExitCodes.OK;
    }

    private WarmReport warm(ImagesReport report, String host, Optional<String> mirrorUrl, String registryUrl,
                            PrintWriter err) throws InterruptedException {
        RegistryCoordinates coordinates = RegistryCoordinates.parseHost(host).orElseThrow();
        CacheWarmer.AuthorizationSource token = () -> {
            try (EcrTokenSource source = new EcrTokenSource(coordinates.region(), Clock.systemUTC())) {
                return source.fetch().authorizationHeader();
            }
        };
        try (EcrCacheContents contents = new EcrCacheContents(coordinates.region(), coordinates.accountId(),
                w -> err.println("warning: " + w))) {
            return new CacheWarmer(new CacheWarmer.Route(mirrorUrl, registryUrl, token), contents, warmConcurrency,
                    line -> {
                        synchronized (err) {
                            err.println(line);
                            err.flush();
                        }
                    }).warm(report.rows());
        }
    }

    /** A base URL for registry requests: https, or http for a loopback address only (tokens never travel in clear). */
    private static String endpoint(String flag, String value) throws InvalidHookSettingException {
        try {
            return RegistryEndpoint.parse(value).baseUri().toString();
        } catch (InvalidHookSettingException e) {
            String reason = e.getMessage().substring(e.getMessage().indexOf("\": ") + 3);
            throw new InvalidHookSettingException(flag, value, reason);
        }
    }
}

package dev.pullthrough.hook;

import dev.pullthrough.model.ImageReference;
import dev.pullthrough.model.InvalidImageReferenceException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hook verify IMAGE}: see docs/HOOK.md. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Say whether IMAGE is pulled through the cache on this runner, by which rule, and check it:",
                "exit 0 served through the cache (the mirror answered its manifest), 1 not."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "IMAGE", description = "image reference as you would pull it, e.g. ghcr.io/acme/tool:1")
    String image;
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Hook state (as given to start).")
    String stateDir;

    @Override
    public Integer call() {
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
        } catch (InvalidImageReferenceException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        StateDir dir = new StateDir(StartSettings.stateDir(stateDir, System.getenv()));
        return new HookVerify(dir, Console.system()).run(ref);
    }
}

package dev.pullthrough.cli;

import dev.pullthrough.hook.ExitCodes;
import dev.pullthrough.module.ModuleGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Regenerates every Terraform/OpenTofu module (HCL and Terraform JSON forms) into DIR.",
            "Output is deterministic: the same sources always give the same bytes."})
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "modules-out", paramLabel = "DIR",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        int changed = ModuleGenerator.synth(out).size();
        spec.commandLine().getOut().println("synthesized modules into " + out + " ("
                + (changed == 0 ? "already up to date" : changed + " file(s) written") + ")");
        return ExitCodes.OK;
    }
}

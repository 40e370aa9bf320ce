package dev.pullthrough.hook;

import picocli.CommandLine.Command;

/**
 * {@code hook start|stop|status}: the runner hook. The main CLI adds this as its {@code hook} subcommand; the hook
 * jar runs it directly ({@link HookMain}).
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = "Runner hook: a loopback mirror that serves pulls of every cached upstream from the ECR pull-through cache.",
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, VerifyCommand.class, ProxyCommand.class})
public final class HookCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: start, stop, status or verify");
    }
}

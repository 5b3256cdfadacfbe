package io.consensio.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code consensio} command line. */
@Command(
    name = "consensio",
    mixinStandardHelpOptions = true,
    version = "consensio 0.1.0",
    description = "One ledger-and-network runtime, five consensus algorithms, one SPI.",
    subcommands = {SimulateCommand.class, CommandLine.HelpCommand.class})
public final class ConsensioCli {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (0 success, 1 run failed its checks, 2 usage error). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line; a failure inside a command prints its message, not a trace. */
  static CommandLine commandLine() {
    return new CommandLine(new ConsensioCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("consensio: " + e.getMessage());
              return 2;
            });
  }
}

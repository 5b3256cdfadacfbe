package io.consensio.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code consensio} command line. */
@Command(
    name = "consensio",
    mixinStandardHelpOptions = true,
    version = "consensio 0.1.0",
    description = "One ledger-and-network runtime, five consensus algorithms, one SPI.",
    subcommands = {
      NodeCommand.class,
      DevnetCommand.class,
      SimulateCommand.class,
      io.consensio.app.bench.BenchCommand.class,
      KeygenCommand.class,
      TxCommand.class,
      StatusCommand.class,
      MembershipCommand.class,
      LeaderCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ConsensioCli {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The consensus modules on the class path (every built-in module and the example). */
  static io.consensio.runtime.node.ConsensusRegistry registry() {
    return io.consensio.runtime.node.ConsensusRegistry.loadDefault();
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

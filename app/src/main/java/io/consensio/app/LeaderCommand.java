package io.consensio.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consensio leader transfer}: hand leadership to another voter (Raft). */
@Command(
    name = "leader",
    mixinStandardHelpOptions = true,
    description = "Moves leadership of a running network (Raft).",
    subcommands = {LeaderCommand.Transfer.class})
final class LeaderCommand {
  @Command(
      name = "transfer",
      mixinStandardHelpOptions = true,
      description = "Ask the leader to hand leadership to another voter.")
  static final class Transfer extends MembershipCommand.NodeOption implements Callable<Integer> {
    @Option(names = "--to", required = true, description = "the voter to lead next")
    String to;

    @Option(
        names = "--wait",
        converter = DurationConverter.class,
        defaultValue = "0",
        description = "wait up to this long until the node leads (default: do not wait)")
    long waitMillis;

    @Override
    public Integer call() throws InterruptedException {
      out().println(client().transferLeadership(to));
      return await(
          "transferring leadership to " + to,
          waitMillis,
          info -> info.leader().map(to::equals).orElse(false));
    }
  }
}

package io.consensio.app;

import io.consensio.runtime.client.NodeClient;
import io.consensio.runtime.client.NodeStatus;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code consensio status}: what a node reports about itself. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a node's status.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--node",
      required = true,
      description = "the node's API, e.g. http://127.0.0.1:8080")
  URI node;

  @Override
  public Integer call() {
    NodeStatus s = new NodeClient(node).status();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("node %s (%s, network %s)%n", s.nodeId(), s.consensusType(), s.networkId());
    out.printf(
        "role %s, %s %d, leader %s%n", s.role(), s.roundName(), s.round(), s.leader().orElse("-"));
    out.printf(
        "head %d %s, finalized %d %s%n",
        s.headHeight(), s.headId().shortHex(), s.finalizedHeight(), s.finalizedId().shortHex());
    out.printf("mempool %d, peers %s%n", s.mempoolSize(), String.join(", ", s.peers()));
    out.println("engine " + s.engineDetails());
    return 0;
  }
}

package io.consensio.app;

import io.consensio.api.crypto.PublicKey;
import io.consensio.runtime.client.MembershipInfo;
import io.consensio.runtime.client.NodeClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code consensio membership add|remove|list} and {@code consensio leader transfer}: change the
 * members of a running network whose engine supports it (Raft), through the leader's HTTP API. A
 * node added this way must run with {@code consensus.raft.join: true} and list the existing members
 * as its peers; it catches up as a learner and then becomes a voter.
 */
@Command(
    name = "membership",
    mixinStandardHelpOptions = true,
    description = "Lists, adds and removes the members of a running network (Raft).",
    subcommands = {
      MembershipCommand.Add.class,
      MembershipCommand.Remove.class,
      MembershipCommand.ListMembers.class
    })
final class MembershipCommand {
  private static final long POLL_MILLIS = 200;

  /** Options every membership command takes. */
  abstract static class NodeOption {
    @Spec CommandSpec spec;

    @Option(
        names = "--node",
        required = true,
        description =
            "the API of the leader (or, for list, of any node), e.g. http://127.0.0.1:8080")
    URI node;

    NodeClient client() {
      return new NodeClient(node);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    /** Polls the node until {@code done} holds; 0 when it did, 1 when {@code waitMillis} passed. */
    int await(String what, long waitMillis, Predicate<MembershipInfo> done)
        throws InterruptedException {
      if (waitMillis <= 0) {
        return 0;
      }
      long deadline = System.currentTimeMillis() + waitMillis;
      NodeClient client = client();
      while (true) {
        MembershipInfo info = client.membership();
        if (done.test(info)) {
          out().println(what + ": done");
          return 0;
        }
        if (System.currentTimeMillis() > deadline) {
          spec.commandLine().getErr().println(what + ": not done after " + waitMillis + " ms");
          return 1;
        }
        Thread.sleep(POLL_MILLIS);
      }
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a node: it catches up as a learner, then becomes a voter.")
  static final class Add extends NodeOption implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "the new node's id")
    String id;

    @Option(
        names = "--public-key",
        required = true,
        description = "the new node's Ed25519 public key (64 hex)")
    String publicKey;

    @Option(
        names = "--address",
        required = true,
        description = "where the members reach the new node, host:port")
    String address;

    @Option(
        names = "--wait",
        converter = DurationConverter.class,
        defaultValue = "0",
        description = "wait up to this long until the node votes, e.g. 60s (default: do not wait)")
    long waitMillis;

    @Override
    public Integer call() throws InterruptedException {
      out().println(client().addMember(id, PublicKey.fromHex(publicKey), address));
      return await("adding " + id, waitMillis, info -> info.isSettledVoter(id));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a member.")
  static final class Remove extends NodeOption implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "the member to remove")
    String id;

    @Option(
        names = "--wait",
        converter = DurationConverter.class,
        defaultValue = "0",
        description = "wait up to this long until the removal is committed (default: do not wait)")
    long waitMillis;

    @Override
    public Integer call() throws InterruptedException {
      out().println(client().removeMember(id));
      return await("removing " + id, waitMillis, info -> info.isSettledAbsent(id));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Show the configuration a node holds.")
  static final class ListMembers extends NodeOption implements Callable<Integer> {
    @Override
    public Integer call() {
      MembershipInfo info = client().membership();
      PrintWriter out = out();
      out.printf(
          "leader %s, %s%s%n",
          info.leader().orElse("-"),
          info.committed() ? "committed" : "not yet committed",
          info.isJoint() ? ", joint (change under way)" : "");
      print(out, "voter", info.voters());
      print(out, "next-voter", info.nextVoters());
      print(out, "learner", info.learners());
      return 0;
    }

    private static void print(PrintWriter out, String role, List<MembershipInfo.Member> members) {
      for (MembershipInfo.Member m : members) {
        out.printf(
            "%-10s %-16s %s %s%n",
            role, m.id(), m.publicKey(), m.address().orElse("(address from config)"));
      }
    }
  }
}

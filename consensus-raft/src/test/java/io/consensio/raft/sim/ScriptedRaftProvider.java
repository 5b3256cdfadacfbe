package io.consensio.raft.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;
import io.consensio.raft.RaftProvider;

/**
 * The real Raft engine under the name {@code raft-scripted}, for scenario tests on the simulator:
 * every engine it creates hands its node's scheduler to the installed {@link Script}, which is how
 * a scenario acts at chosen virtual times (crash the leader at 5 s, partition it at 6 s). The
 * engine itself is exactly what {@link RaftProvider} creates. Test code only.
 */
public final class ScriptedRaftProvider implements ConsensusProvider {
  static final String NAME = "raft-scripted";
  private static volatile Script installed;

  private final RaftProvider raft = new RaftProvider();

  /** Runs {@code body} with {@code script} driving every simulation created meanwhile. */
  static <T> T with(Script script, java.util.function.Supplier<T> body) {
    installed = script;
    try {
      return body.get();
    } finally {
      installed = null;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Raft with a scenario script attached (tests only)";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    raft.validateConfig(section, membership);
  }

  @Override
  public boolean gossipsTransactions() {
    return raft.gossipsTransactions();
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    Script script = installed;
    if (script != null) {
      script.attach(context.scheduler());
    }
    return raft.create(context);
  }
}

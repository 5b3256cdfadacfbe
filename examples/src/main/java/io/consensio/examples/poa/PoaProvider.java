package io.consensio.examples.poa;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;

/** Registers the example as {@code consensus.type: poa}. */
public final class PoaProvider implements ConsensusProvider {
  @Override
  public String name() {
    return "poa";
  }

  @Override
  public String description() {
    return "round-robin proof of authority, one Paxos instance per height (example module)";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PoaConfig.parse(section);
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new PoaEngine(context, PoaConfig.parse(context.config()));
  }
}

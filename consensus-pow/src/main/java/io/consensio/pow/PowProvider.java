package io.consensio.pow;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;

/** Registers Nakamoto proof of work as {@code consensus.type: pow}. */
public final class PowProvider implements ConsensusProvider {
  @Override
  public String name() {
    return "pow";
  }

  @Override
  public String description() {
    return "Nakamoto proof of work: Bitcoin headers and retargeting, most-work fork choice";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PowConfig.parse(section);
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new PowEngine(context, PowConfig.parse(context.config()));
  }
}

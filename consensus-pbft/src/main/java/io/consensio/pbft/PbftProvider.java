package io.consensio.pbft;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;

/** ServiceLoader entry for {@code consensus.type: pbft}. Stateless. */
public final class PbftProvider implements ConsensusProvider {
  public static final String NAME = "pbft";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Practical Byzantine Fault Tolerance (Castro & Liskov 1999): immediate finality,"
        + " tolerates f byzantine replicas out of 3f+1";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PbftConfig.parse(section, membership);
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new PbftEngine(context, PbftConfig.parse(context.config(), context.membership()));
  }
}

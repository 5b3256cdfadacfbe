package io.consensio.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.pos.slashing.PosEvidenceJudge;

/** Registers proof of stake as {@code consensus.type: pos}. */
public final class PosProvider implements ConsensusProvider {
  @Override
  public String name() {
    return "pos";
  }

  @Override
  public String description() {
    return "proof of stake: Praos-style slot lottery (optional coin age), Casper FFG finality,"
        + " slashing";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PosConfig.parse(section);
  }

  /** Double proposals and conflicting finality votes, judged from signatures and the state. */
  @Override
  public EvidenceJudge evidenceJudge(JsonNode section) {
    return new PosEvidenceJudge();
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new PosEngine(context, PosConfig.parse(context.config()));
  }
}

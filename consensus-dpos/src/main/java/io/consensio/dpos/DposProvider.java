package io.consensio.dpos;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.dpos.evidence.DoubleProductionJudge;

/** Registers delegated proof of stake as {@code consensus.type: dpos}. */
public final class DposProvider implements ConsensusProvider {
  @Override
  public String name() {
    return "dpos";
  }

  @Override
  public String description() {
    return "delegated proof of stake: approval-voted delegates produce in shuffled slots;"
        + " blocks confirmed by more than 2/3 of the delegates are irreversible";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    DposConfig.parse(section);
  }

  /** Double production, proven by two seal signatures for one slot, is judged by the ledger. */
  @Override
  public EvidenceJudge evidenceJudge(JsonNode section) {
    return new DoubleProductionJudge();
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new DposEngine(context, DposConfig.parse(context.config()));
  }
}

package io.consensio.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ledger.EvidenceJudge;

/**
 * Entry point of a consensus module, found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.consensio.api.ConsensusProvider}. A jar with such
 * an entry on the class path (or in a node's {@code plugins/} directory) makes its algorithm
 * selectable as {@code consensus.type: <name>}. Implementations must have a public no-argument
 * constructor.
 */
public interface ConsensusProvider {
  /** The value of {@code consensus.type} that selects this module, e.g. {@code raft}. */
  String name();

  /** One line for {@code consensio --help} and the "unknown type" error. */
  String description();

  /**
   * Checks this module's configuration section early (before anything starts), throwing {@link
   * ConsensusConfigException} that names the key at fault. {@code section} is an empty object when
   * the configuration has no section for this module; defaults then apply.
   */
  void validateConfig(JsonNode section, Membership membership);

  /**
   * The rules by which the ledger judges evidence transactions for this module (double signing,
   * conflicting votes, ...). Called once per node before the ledger opens, with the same {@code
   * section} as {@link #validateConfig}; the judge must be pure (see {@link EvidenceJudge}). The
   * default rejects all evidence: a module without slashing needs nothing here.
   */
  default EvidenceJudge evidenceJudge(JsonNode section) {
    return EvidenceJudge.NONE;
  }

  /**
   * Whether the runtime forwards every transaction a node admits to all its peers. True (the
   * default) suits engines where any node may propose next, or where every replica must know of a
   * request to watch the proposer (PBFT's request timer). An engine whose blocks all come from one
   * known leader returns false and moves client transactions to that leader itself, as Raft does
   * (paper §8): gossip would make every follower decode and admit each transaction only to drop it
   * when the leader's block arrives.
   */
  default boolean gossipsTransactions() {
    return true;
  }

  /** Creates the engine for one node. Called once per node start; the engine is not started yet. */
  ConsensusEngine create(ConsensusContext context);
}

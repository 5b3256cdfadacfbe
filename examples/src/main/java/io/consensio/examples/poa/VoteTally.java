package io.consensio.examples.poa;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts verified Accepted votes for one height. A block is decided when a majority accepted it in
 * the same round (Paxos' chosen value); the votes become its commit certificate.
 */
final class VoteTally {
  private final int quorum;
  private final Map<Integer, Map<Hash, TreeMap<Integer, Signature>>> votes = new HashMap<>();

  VoteTally(int quorum) {
    this.quorum = quorum;
  }

  /** Records a vote and returns the certificate if this vote completed a quorum. */
  Optional<PoaSeal.Certificate> add(int round, Hash blockId, int memberIndex, Signature signature) {
    TreeMap<Integer, Signature> forBlock =
        votes
            .computeIfAbsent(round, r -> new HashMap<>())
            .computeIfAbsent(blockId, id -> new TreeMap<>());
    forBlock.putIfAbsent(memberIndex, signature);
    if (forBlock.size() < quorum) {
      return Optional.empty();
    }
    List<PoaSeal.Vote> certificate = new ArrayList<>(quorum);
    for (Map.Entry<Integer, Signature> vote : forBlock.entrySet()) {
      certificate.add(new PoaSeal.Vote(vote.getKey(), vote.getValue()));
      if (certificate.size() == quorum) {
        break;
      }
    }
    return Optional.of(new PoaSeal.Certificate(round, certificate));
  }

  void clear() {
    votes.clear();
  }
}

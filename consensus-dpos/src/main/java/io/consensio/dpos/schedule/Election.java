package io.consensio.dpos.schedule;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Approval voting for delegates, as in BitShares ("Delegated Proof-of-Stake Consensus", Larimer
 * 2014, approval voting for witnesses): every voter approves up to {@code MAX_VOTES} candidates and
 * each approved candidate receives the voter's full weight.
 *
 * <p>Precisely, at the round boundary state S (the state after the last block before the round):
 *
 * <ol>
 *   <li>a voter's weight is its spendable {@code S.balance(voter)} (stake, unbonding funds and
 *       candidate deposits do not count);
 *   <li>a candidate's approval is the sum of the weights of the voters whose current list in {@code
 *       S.votes()} names it;
 *   <li>eligible are the candidates of {@code S.candidates()} with positive approval that are not
 *       in {@code S.slashed()}; they are ranked by approval, highest first, ties broken by the
 *       smaller public key (unsigned bytes), and the first N are elected;
 *   <li>when fewer than N are elected, the genesis producers — the configured membership, in the
 *       membership's order (sorted by node id) — fill the remaining places, skipping those already
 *       elected and those slashed;
 *   <li>should slashing leave nobody at all, the whole membership is elected, so the chain cannot
 *       stop for lack of producers.
 * </ol>
 *
 * <p>A registered candidate nobody approves is therefore not elected: a chain with no votes is
 * produced by its genesis producers. A delegate proven to have double-produced loses its candidacy
 * (the ledger forfeits the deposit and strikes it from every vote) and is slashed for good, so it
 * is not elected at the first round whose boundary state includes the proof. Pure and
 * deterministic.
 */
public final class Election {
  private Election() {}

  public static List<PublicKey> elect(LedgerState state, Membership membership, int maxDelegates) {
    Map<PublicKey, Long> approval = new HashMap<>();
    Set<PublicKey> candidates = state.candidates().keySet();
    for (Map.Entry<PublicKey, List<PublicKey>> vote : state.votes().entrySet()) {
      long weight = state.balance(vote.getKey());
      if (weight <= 0) {
        continue;
      }
      for (PublicKey candidate : vote.getValue()) {
        if (candidates.contains(candidate) && !state.isSlashed(candidate)) {
          approval.merge(candidate, weight, Math::addExact);
        }
      }
    }
    List<PublicKey> ranked = new ArrayList<>(approval.keySet());
    ranked.sort(
        Comparator.comparing((PublicKey key) -> approval.get(key))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    List<PublicKey> elected =
        new ArrayList<>(ranked.subList(0, Math.min(maxDelegates, ranked.size())));
    Set<PublicKey> chosen = new HashSet<>(elected);
    for (Member member : membership.members()) {
      if (elected.size() >= maxDelegates) {
        break;
      }
      PublicKey key = member.publicKey();
      if (!chosen.contains(key) && !state.isSlashed(key)) {
        elected.add(key);
        chosen.add(key);
      }
    }
    if (elected.isEmpty()) {
      for (Member member : membership.members()) {
        if (elected.size() >= maxDelegates) {
          break;
        }
        elected.add(member.publicKey());
      }
    }
    return elected;
  }
}

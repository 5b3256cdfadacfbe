package io.consensio.pos.chain;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What proof of stake derives from a block and its ancestry, computed once when the block is
 * imported (or, after a restart, from the stored blocks) and the same on every node.
 *
 * @param slot the slot the block's seal claims (0 for genesis)
 * @param cumulativeWeight sum of the proposers' effective stakes from genesis to this block: the
 *     fork-choice weight ("stake-weighted blocks")
 * @param score the proposer's exponential-race lottery score; lower wins a contested slot
 * @param randomness η of this block's epoch, the seed of every lottery ticket in the epoch
 * @param accumulator running hash of the lottery values of this epoch's blocks up to this one; it
 *     seeds the next epoch's η
 * @param epochStakes ledger stakes at this epoch's boundary (the state of the last block before the
 *     epoch's first slot): the epoch's validator set before slashing
 * @param lastProposed coin-age mode only: the slot at which each validator last proposed on this
 *     chain (absent: never, age counts from slot 0)
 * @param vrfRegistry the validators' VRF keys as fixed by this chain up to this block's epoch
 */
public record BlockInfo(
    Hash id,
    Hash parent,
    long height,
    long slot,
    PublicKey proposer,
    long cumulativeWeight,
    double score,
    Hash randomness,
    Hash accumulator,
    SortedMap<PublicKey, Long> epochStakes,
    SortedMap<PublicKey, Long> lastProposed,
    VrfRegistry vrfRegistry) {
  public BlockInfo {
    Objects.requireNonNull(vrfRegistry);
    epochStakes = Collections.unmodifiableSortedMap(new TreeMap<>(epochStakes));
    lastProposed = Collections.unmodifiableSortedMap(new TreeMap<>(lastProposed));
  }
}

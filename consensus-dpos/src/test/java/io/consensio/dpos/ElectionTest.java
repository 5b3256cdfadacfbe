package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.dpos.schedule.Election;
import io.consensio.dpos.schedule.ShuffleStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ElectionTest {
  private static PublicKey key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    return Ed25519KeyPair.fromSeed(seed).publicKey();
  }

  /** A ledger state with just balances, candidates and votes. */
  private static final class State implements LedgerState {
    final Map<PublicKey, Long> balances = new HashMap<>();
    final SortedMap<PublicKey, Long> candidates = new TreeMap<>();
    final SortedMap<PublicKey, List<PublicKey>> votes = new TreeMap<>();
    final SortedMap<PublicKey, Long> slashed = new TreeMap<>();

    State slash(PublicKey key) {
      slashed.put(key, 7L);
      return this;
    }

    State candidate(PublicKey key) {
      candidates.put(key, 100L);
      return this;
    }

    State vote(PublicKey voter, long balance, PublicKey... approved) {
      balances.put(voter, balance);
      votes.put(voter, List.of(approved));
      return this;
    }

    public Hash blockId() {
      return Hash.ZERO;
    }

    public long height() {
      return 0;
    }

    public Hash stateRoot() {
      return Hash.ZERO;
    }

    public Account account(PublicKey owner) {
      return new Account(balances.getOrDefault(owner, 0L), 0, 0, 0, 0);
    }

    public Optional<byte[]> value(PublicKey owner, byte[] key) {
      return Optional.empty();
    }

    public SortedMap<PublicKey, Long> stakes() {
      return new TreeMap<>();
    }

    public long totalStake() {
      return 0;
    }

    public SortedMap<PublicKey, Long> candidates() {
      return candidates;
    }

    public SortedMap<PublicKey, List<PublicKey>> votes() {
      return votes;
    }

    @Override
    public SortedMap<PublicKey, Long> slashed() {
      return slashed;
    }
  }

  private static final Membership GENESIS_PRODUCERS =
      new Membership(
          List.of(
              new Member(NodeId.of("p-1"), key(101)),
              new Member(NodeId.of("p-2"), key(102)),
              new Member(NodeId.of("p-3"), key(103))));

  @Test
  void theTopCandidatesByBalanceWeightedApprovalAreElected() {
    State state =
        new State()
            .candidate(key(1))
            .candidate(key(2))
            .candidate(key(3))
            .vote(key(50), 1_000, key(1), key(2))
            .vote(key(51), 300, key(3), key(2))
            .vote(key(52), 200, key(3));
    // approval: 1 -> 1000, 2 -> 1300, 3 -> 500
    assertThat(Election.elect(state, GENESIS_PRODUCERS, 2)).containsExactly(key(2), key(1));
  }

  @Test
  void equalApprovalIsBrokenByTheSmallerKey() {
    State state = new State().candidate(key(1)).candidate(key(2)).vote(key(50), 10, key(1), key(2));
    List<PublicKey> elected = Election.elect(state, GENESIS_PRODUCERS, 1);
    PublicKey smaller = key(1).compareTo(key(2)) < 0 ? key(1) : key(2);
    assertThat(elected).containsExactly(smaller);
  }

  @Test
  void genesisProducersFillThePlacesNoApprovedCandidateTakes() {
    State state =
        new State()
            .candidate(key(1))
            .candidate(key(2)) // registered, approved by nobody: not elected
            .vote(key(50), 10, key(1));
    assertThat(Election.elect(state, GENESIS_PRODUCERS, 3))
        .containsExactly(
            key(1),
            GENESIS_PRODUCERS.members().get(0).publicKey(),
            GENESIS_PRODUCERS.members().get(1).publicKey());
  }

  @Test
  void aSlashedKeyIsNeverElectedNorUsedAsFill() {
    PublicKey producer = GENESIS_PRODUCERS.members().get(0).publicKey();
    // The ledger removes a slashed candidate's candidacy; the election does not rely on it.
    State state =
        new State().candidate(key(1)).vote(key(50), 10, key(1)).slash(key(1)).slash(producer);
    assertThat(Election.elect(state, GENESIS_PRODUCERS, 3))
        .containsExactly(
            GENESIS_PRODUCERS.members().get(1).publicKey(),
            GENESIS_PRODUCERS.members().get(2).publicKey());
  }

  @Test
  void aVoterWithoutBalanceAddsNoWeight() {
    State state =
        new State()
            .candidate(key(1))
            .candidate(key(2))
            .vote(key(50), 0, key(1))
            .vote(key(51), 5, key(2));
    assertThat(Election.elect(state, GENESIS_PRODUCERS, 1)).containsExactly(key(2));
  }

  @Test
  void theShuffleIsAPermutationFixedByTheBoundaryAndRound() {
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      items.add(i);
    }
    Hash boundary = Hash.sha256(new byte[] {7});
    List<Integer> once = ShuffleStream.shuffle(items, boundary, 3);
    assertThat(once).containsExactlyInAnyOrderElementsOf(items);
    assertThat(ShuffleStream.shuffle(items, boundary, 3)).isEqualTo(once);
    assertThat(ShuffleStream.shuffle(items, boundary, 4)).isNotEqualTo(once);
    assertThat(ShuffleStream.shuffle(items, Hash.sha256(new byte[] {8}), 3)).isNotEqualTo(once);
  }
}

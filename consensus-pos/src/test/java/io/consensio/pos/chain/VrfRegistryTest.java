package io.consensio.pos.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.pos.FixedLedgerState;
import io.consensio.pos.vrf.VrfKeyPair;
import io.consensio.pos.vrf.VrfPublicKey;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the chain binds VRF keys: first registration wins, one epoch late; bootstrap tickets. */
class VrfRegistryTest {
  private final PublicKey alice = key(1);
  private final PublicKey bob = key(2);
  private final PublicKey carol = key(3);
  private final VrfPublicKey aliceVrf = vrf(1);
  private final VrfPublicKey otherVrf = vrf(9);
  private final VrfRegistry genesis = VrfRegistry.genesis(Set.of(alice, bob));

  @Test
  void aStakersValidKeyIsCapturedAtABoundaryAndInForceFromTheNextEpoch() {
    VrfRegistry after = genesis.capture(state(Map.of(alice, aliceVrf.toBytes())), 3);
    assertThat(after.registration(alice)).hasValue(new VrfRegistry.Registration(aliceVrf, 4));
    assertThat(after.activeKey(alice, 3)).as("not in the epoch that saw it").isEmpty();
    assertThat(after.activeKey(alice, 4)).hasValue(aliceVrf);
    assertThat(after.activeKey(alice, 9)).hasValue(aliceVrf);
  }

  @Test
  void theFirstRegistrationIsKeptForGoodLaterWritesAreIgnored() {
    VrfRegistry first = genesis.capture(state(Map.of(alice, aliceVrf.toBytes())), 1);
    VrfRegistry later = first.capture(state(Map.of(alice, otherVrf.toBytes())), 5);
    assertThat(later).isSameAs(first);
    assertThat(later.activeKey(alice, 6)).hasValue(aliceVrf);
  }

  @Test
  void nonStakersAndInvalidKeysAreNotCaptured() {
    byte[] smallOrder = new byte[32];
    smallOrder[0] = 1; // the identity point
    LedgerState boundary =
        state(Map.of(alice, new byte[] {1, 2, 3}, bob, smallOrder, carol, otherVrf.toBytes()));
    assertThat(genesis.capture(boundary, 2))
        .as("alice's and bob's writes are not keys; carol has no stake")
        .isSameAs(genesis);
  }

  @Test
  void genesisValidatorsDrawPublicTicketsUntilTheirKeyIsInForceOthersNever() {
    assertThat(genesis.drawsPublicTicket(alice, 0)).isTrue();
    assertThat(genesis.drawsPublicTicket(carol, 0)).isFalse();
    VrfRegistry registered = genesis.capture(state(Map.of(alice, aliceVrf.toBytes())), 2);
    assertThat(registered.drawsPublicTicket(alice, 2)).isTrue();
    assertThat(registered.drawsPublicTicket(alice, 3)).isFalse();
    assertThat(registered.drawsPublicTicket(bob, 3)).isTrue();
  }

  private static PublicKey key(int n) {
    byte[] seed = new byte[32];
    seed[1] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed).publicKey();
  }

  private static VrfPublicKey vrf(int n) {
    byte[] seed = new byte[32];
    seed[2] = (byte) n;
    return VrfKeyPair.fromSeed(seed).publicKey();
  }

  /** A boundary state in which alice and bob stake and each key wrote {@code written}. */
  private LedgerState state(Map<PublicKey, byte[]> written) {
    return FixedLedgerState.staking(0, 1_000, Set.of(), alice, bob)
        .withValues(VrfRegistry.LEDGER_KEY, written);
  }
}

package io.consensio.pos.chain;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.pos.vrf.VrfPublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which VRF public key each validator's lottery tickets are checked against, as fixed by the chain.
 *
 * <p>Binding: a validator registers its key with an ordinary signed ledger transaction, a key/value
 * write of the 32-byte key under {@link #LEDGER_KEY} in its own namespace. The ledger accepts such
 * a write only with the account's Ed25519 signature, so nobody can register a key for someone else.
 *
 * <p>Grinding: a key that could be chosen after the epoch randomness η is known could be ground
 * until it wins (the pseudorandomness of RFC 9381, §7, is for keys fixed before the input). So keys
 * are read only at epoch boundaries, from the ledger state the validator set is read from; the
 * first valid key seen for a validator is kept for good (later writes are ignored) and takes effect
 * one epoch after the boundary that saw it. η of that epoch mixes the lottery values of the blocks
 * of the epoch in between, none of which existed when the key was written.
 *
 * <p>Bootstrap: genesis validators have no key on the chain yet, so until their own key is in
 * effect they draw a public ticket (see {@link io.consensio.pos.lottery.SlotLottery#publicValue}):
 * one value per slot that everyone can compute and nobody can choose, since their Ed25519 key was
 * fixed by the genesis before η_0 existed. A validator that joins later has no such ticket: it
 * waits for its VRF key, whose one-epoch delay is what stops it from grinding a fresh Ed25519 key
 * against a known η. At any slot a validator has exactly one kind of ticket.
 *
 * <p>Immutable and thread-safe; {@link #capture} returns a new registry, or this one when nothing
 * changed, so consecutive blocks share one instance.
 */
public final class VrfRegistry {
  /** The key under which a validator writes its VRF public key in its ledger namespace. */
  public static final byte[] LEDGER_KEY =
      "consensio/pos/vrf-public-key".getBytes(StandardCharsets.US_ASCII);

  /** A validator's key and the first epoch whose tickets are checked against it. */
  public record Registration(VrfPublicKey key, long activeFromEpoch) {}

  private final SortedSet<PublicKey> genesisValidators;
  private final SortedMap<PublicKey, Registration> registrations;

  public VrfRegistry(Set<PublicKey> genesisValidators, Map<PublicKey, Registration> registrations) {
    this.genesisValidators = Collections.unmodifiableSortedSet(new TreeSet<>(genesisValidators));
    this.registrations = Collections.unmodifiableSortedMap(new TreeMap<>(registrations));
  }

  /** The registry of a new chain: no keys yet, the genesis validators draw public tickets. */
  public static VrfRegistry genesis(Set<PublicKey> genesisValidators) {
    return new VrfRegistry(genesisValidators, Map.of());
  }

  /**
   * The registry after the boundary that starts {@code epoch}, whose ledger state is {@code
   * boundary}: every staker without a registration that has written a valid key gets it, in effect
   * from {@code epoch + 1}.
   */
  public VrfRegistry capture(LedgerState boundary, long epoch) {
    TreeMap<PublicKey, Registration> added = null;
    for (PublicKey validator : boundary.stakes().keySet()) {
      if (registrations.containsKey(validator)) {
        continue;
      }
      Optional<VrfPublicKey> key =
          boundary.value(validator, LEDGER_KEY).flatMap(VrfPublicKey::decode);
      if (key.isPresent()) {
        if (added == null) {
          added = new TreeMap<>(registrations);
        }
        added.put(validator, new Registration(key.get(), epoch + 1));
      }
    }
    return added == null ? this : new VrfRegistry(genesisValidators, added);
  }

  /** The key that checks {@code validator}'s tickets in {@code epoch}, if one is in effect. */
  public Optional<VrfPublicKey> activeKey(PublicKey validator, long epoch) {
    Registration registration = registrations.get(validator);
    return registration != null && registration.activeFromEpoch() <= epoch
        ? Optional.of(registration.key())
        : Optional.empty();
  }

  /** Whether {@code validator} draws a public ticket in {@code epoch} (bootstrap, see above). */
  public boolean drawsPublicTicket(PublicKey validator, long epoch) {
    return genesisValidators.contains(validator) && activeKey(validator, epoch).isEmpty();
  }

  public Optional<Registration> registration(PublicKey validator) {
    return Optional.ofNullable(registrations.get(validator));
  }

  public SortedSet<PublicKey> genesisValidators() {
    return genesisValidators;
  }

  public SortedMap<PublicKey, Registration> registrations() {
    return registrations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VrfRegistry other
        && genesisValidators.equals(other.genesisValidators)
        && registrations.equals(other.registrations);
  }

  @Override
  public int hashCode() {
    return 31 * genesisValidators.hashCode() + registrations.hashCode();
  }

  @Override
  public String toString() {
    return "VrfRegistry[genesis=" + genesisValidators.size() + ", keys=" + registrations + "]";
  }
}

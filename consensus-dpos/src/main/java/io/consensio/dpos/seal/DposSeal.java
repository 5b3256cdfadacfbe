package io.consensio.dpos.seal;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import io.consensio.dpos.schedule.RoundState;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A DPoS block seal: the slot the block was produced in, the round record when the block opens a
 * round, and the scheduled delegate's signature over the block id, the slot and the round record's
 * digest. As in BitShares' signed block header ({@code witness_signature} over the header digest),
 * the signature makes the delegate accountable: two signatures for one slot are proof of double
 * production.
 *
 * <p>The signature covers every other field of the seal and decoding is strict, so a block has at
 * most one valid seal: nobody but the producer can change it, and the producer's Ed25519 signature
 * over the same bytes is always the same.
 */
public record DposSeal(long slot, Optional<RoundState> roundState, Signature signature) {
  private static final byte[] DOMAIN = "consensio/dpos/seal/v1".getBytes(StandardCharsets.UTF_8);

  public DposSeal {
    if (slot < 1) {
      throw new IllegalArgumentException("slot must be at least 1");
    }
    Objects.requireNonNull(roundState);
    Objects.requireNonNull(signature);
  }

  /** What the producer signs: domain, block id, slot and the round record's digest (or zero). */
  public static byte[] signingBytes(Hash blockId, long slot, Hash roundDigest) {
    CanonicalWriter w = new CanonicalWriter(96);
    w.writeFixed(DOMAIN);
    blockId.write(w);
    w.writeLong(slot);
    roundDigest.write(w);
    return w.toByteArray();
  }

  /** The round record's digest, or {@link Hash#ZERO} for a block inside a round. */
  public Hash roundDigest() {
    return roundDigest(roundState);
  }

  public static Hash roundDigest(Optional<RoundState> roundState) {
    return roundState.map(RoundState::digest).orElse(Hash.ZERO);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(128);
    w.writeLong(slot);
    w.writeBoolean(roundState.isPresent());
    roundState.ifPresent(state -> w.writeFixed(state.encode()));
    signature.write(w);
    return w.toByteArray();
  }

  /** Decodes exactly one seal; throws {@link DecodingException} on anything else. */
  public static DposSeal decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long slot = r.readNonNegativeLong("slot");
    Optional<RoundState> state =
        r.readBoolean() ? Optional.of(RoundState.read(r)) : Optional.empty();
    Signature signature = Signature.read(r);
    r.finish();
    if (slot < 1) {
      throw new DecodingException("slot must be at least 1");
    }
    return new DposSeal(slot, state, signature);
  }
}

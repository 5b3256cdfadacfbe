package io.consensio.pos.vrf;

import io.consensio.api.types.Hash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded memo of VRF proofs known to be valid, in the manner of Bitcoin Core's signature cache:
 * {@link #verify} runs ECVRF_verify (RFC 9381 §5.3) only for a (key, α, π) it has not accepted
 * before, and a proposer {@link #remember}s the proofs it made itself, so that importing its own
 * block costs no verification. Only successes are kept, under SHA-256 of the whole input, so an
 * entry can only ever answer for exactly the input that was verified; the least recently used entry
 * is evicted first. Verification is a pure function, so the memo changes no verdict. Thread-safe.
 */
public final class VerifiedProofs {
  private final Map<Hash, byte[]> outputs;

  public VerifiedProofs(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.outputs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, byte[]> eldest) {
            return size() > capacity;
          }
        };
  }

  /** β when {@code pi} is a valid proof for {@code alpha} under {@code key}, empty otherwise. */
  public Optional<byte[]> verify(VrfPublicKey key, byte[] alpha, byte[] pi) {
    Hash id = id(key, alpha, pi);
    synchronized (outputs) {
      byte[] known = outputs.get(id);
      if (known != null) {
        return Optional.of(known.clone());
      }
    }
    Optional<byte[]> beta = Ecvrf.verify(key, alpha, pi);
    beta.ifPresent(b -> put(id, b));
    return beta;
  }

  /** Records a proof this node made itself (its output is {@code beta}). */
  public void remember(VrfPublicKey key, byte[] alpha, byte[] pi, byte[] beta) {
    put(id(key, alpha, pi), beta);
  }

  private void put(Hash id, byte[] beta) {
    synchronized (outputs) {
      outputs.put(id, beta.clone());
    }
  }

  private static Hash id(VrfPublicKey key, byte[] alpha, byte[] pi) {
    byte[] alphaLength = {
      (byte) (alpha.length >>> 24), (byte) (alpha.length >>> 16),
      (byte) (alpha.length >>> 8), (byte) alpha.length
    };
    return Hash.sha256(key.encoded(), alphaLength, alpha, pi);
  }
}

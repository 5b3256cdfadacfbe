package io.consensio.pos.finality;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
import java.nio.charset.StandardCharsets;

/**
 * A Casper FFG vote (Buterin and Griffith, "Casper the Friendly Finality Gadget", 2017, §2): the
 * validator's signed statement that it links checkpoint {@code source} to checkpoint {@code
 * target}, with {@code target.epoch > source.epoch}. Its two slashing conditions (§2.2) are {@link
 * #isDoubleVoteWith} and {@link #surrounds}.
 */
public record Vote(PublicKey validator, Checkpoint source, Checkpoint target, Signature signature) {
  private static final byte[] DOMAIN = "consensio/pos/vote/v1".getBytes(StandardCharsets.US_ASCII);

  public Vote {
    if (target.epoch() <= source.epoch()) {
      throw new IllegalArgumentException("a vote's target epoch must exceed its source epoch");
    }
  }

  public static byte[] signingBytes(Checkpoint source, Checkpoint target) {
    CanonicalWriter w = new CanonicalWriter(112);
    w.writeFixed(DOMAIN);
    source.write(w);
    target.write(w);
    return w.toByteArray();
  }

  public boolean hasValidSignature(Verifier verifier) {
    return verifier.verify(validator, signingBytes(source, target), signature);
  }

  /** Slashing condition I: two distinct votes by one validator for the same target epoch. */
  public boolean isDoubleVoteWith(Vote other) {
    return validator.equals(other.validator)
        && target.epoch() == other.target.epoch()
        && !(source.equals(other.source) && target.equals(other.target));
  }

  /**
   * Slashing condition II: this vote's span strictly contains {@code other}'s (s1 < s2 < t2 < t1).
   */
  public boolean surrounds(Vote other) {
    return validator.equals(other.validator)
        && source.epoch() < other.source.epoch()
        && other.target.epoch() < target.epoch();
  }

  /** True when the two votes together prove that their validator broke a slashing condition. */
  public boolean conflictsWith(Vote other) {
    return isDoubleVoteWith(other) || surrounds(other) || other.surrounds(this);
  }

  public void write(CanonicalWriter w) {
    validator.write(w);
    source.write(w);
    target.write(w);
    signature.write(w);
  }

  public static Vote read(CanonicalReader r) {
    PublicKey validator = PublicKey.read(r);
    Checkpoint source = Checkpoint.read(r);
    Checkpoint target = Checkpoint.read(r);
    Signature signature = Signature.read(r);
    if (target.epoch() <= source.epoch()) {
      throw new DecodingException("vote target epoch must exceed its source epoch");
    }
    return new Vote(validator, source, target, signature);
  }
}

package io.consensio.api.ledger;

import io.consensio.api.crypto.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link EvidenceJudge} decided: the proven offender, or why the proof does not hold.
 *
 * @param offender the key whose misbehaviour is proven; empty when rejected
 * @param reason a short machine-readable reason for a rejection (e.g. {@code bad-signature}); empty
 *     when the offender is proven
 */
public record EvidenceVerdict(Optional<PublicKey> offender, String reason) {
  public EvidenceVerdict {
    Objects.requireNonNull(offender);
    Objects.requireNonNull(reason);
    if (offender.isPresent() != reason.isEmpty()) {
      throw new IllegalArgumentException("a verdict names an offender or a reason, not both");
    }
  }

  public static EvidenceVerdict guilty(PublicKey offender) {
    return new EvidenceVerdict(Optional.of(offender), "");
  }

  public static EvidenceVerdict rejected(String reason) {
    if (reason.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
    return new EvidenceVerdict(Optional.empty(), reason);
  }

  public boolean isGuilty() {
    return offender.isPresent();
  }
}

package io.consensio.pos.chain;

import io.consensio.api.crypto.PublicKey;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The slashing outcomes recorded on one chain, an overlay on the ledger's stakes: an offender's
 * effective stake is zero from the block that carried the evidence on (it leaves the validator set,
 * and its stake no longer counts for the lottery, fork choice or finality votes), and each reporter
 * is credited a share of what it exposed. The ledger cannot move funds for the engine, so this
 * record is the slashing; it is derived from the blocks alone, so every node holds the same one for
 * the same block. Immutable; updates return a new record.
 */
public record SlashingRecord(SortedSet<PublicKey> offenders, SortedMap<PublicKey, Long> credits) {
  public static final SlashingRecord EMPTY =
      new SlashingRecord(Collections.emptySortedSet(), Collections.emptySortedMap());

  public SlashingRecord {
    offenders = Collections.unmodifiableSortedSet(new TreeSet<>(offenders));
    credits = Collections.unmodifiableSortedMap(new TreeMap<>(credits));
  }

  public boolean isSlashed(PublicKey validator) {
    return offenders.contains(validator);
  }

  /**
   * The stake that counts for consensus: zero for offenders and for accounts without ledger stake,
   * otherwise the ledger stake plus whistleblower credits.
   */
  public long effectiveStake(PublicKey validator, long ledgerStake) {
    if (ledgerStake <= 0 || offenders.contains(validator)) {
      return 0;
    }
    long credit = credits.getOrDefault(validator, 0L);
    return ledgerStake > Long.MAX_VALUE - credit ? Long.MAX_VALUE : ledgerStake + credit;
  }

  /** The validator set with effective stakes; offenders are left out. */
  public SortedMap<PublicKey, Long> effective(SortedMap<PublicKey, Long> ledgerStakes) {
    TreeMap<PublicKey, Long> result = new TreeMap<>();
    ledgerStakes.forEach(
        (key, stake) -> {
          long effective = effectiveStake(key, stake);
          if (effective > 0) {
            result.put(key, effective);
          }
        });
    return result;
  }

  /**
   * Slashes {@code offender}, whose effective stake was {@code offenderStake}, crediting {@code
   * reporter} with {@code offenderStake / rewardQuotient}. Slashing an offender twice changes
   * nothing: only the first report of an offence is rewarded.
   */
  public SlashingRecord slash(
      PublicKey offender, long offenderStake, PublicKey reporter, long rewardQuotient) {
    if (offenders.contains(offender)) {
      return this;
    }
    TreeSet<PublicKey> newOffenders = new TreeSet<>(offenders);
    newOffenders.add(offender);
    TreeMap<PublicKey, Long> newCredits = new TreeMap<>(credits);
    newCredits.remove(offender);
    long reward = offenderStake / rewardQuotient;
    if (!reporter.equals(offender) && reward > 0) {
      newCredits.merge(reporter, reward, (a, b) -> a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b);
    }
    return new SlashingRecord(newOffenders, newCredits);
  }
}

package io.consensio.runtime.state;

import io.consensio.api.types.Block;

/**
 * The economic and size rules of a chain, fixed in its genesis. Every node must use the same
 * values, or they will disagree about which blocks are valid.
 *
 * @param blockReward minted to the proposer at the start of every block
 * @param minStake smallest first stake, and smallest stake an unstake may leave behind (besides 0)
 * @param unbondingPeriodBlocks blocks between an unstake and the return of its funds
 * @param minCandidateDeposit smallest deposit a delegate candidate must lock
 * @param maxBlockTransactions most transactions in one block
 * @param maxBlockBytes most encoded transaction bytes in one block
 * @param maxFutureDriftMillis how far ahead of the local clock a block timestamp may be
 * @param slashPercent share of a proven offender's stake and unbonding funds that is confiscated
 *     (its candidate deposit is always forfeited in full; what stake remains is forced to unbond)
 * @param reporterRewardPercent share of the confiscated amount paid to the account that reported
 *     the evidence; the rest is burned, so reporting one's own offence never pays
 * @param verifyTransactionSignatures false only for opaque-payload benchmarks on a trusted network:
 *     the mempool and block import then accept any transaction signature (consensus messages are
 *     still signed and checked)
 */
public record LedgerRules(
    long blockReward,
    long minStake,
    long unbondingPeriodBlocks,
    long minCandidateDeposit,
    int maxBlockTransactions,
    int maxBlockBytes,
    long maxFutureDriftMillis,
    int slashPercent,
    int reporterRewardPercent,
    boolean verifyTransactionSignatures) {
  /** Leaves room in {@link Block#MAX_ENCODED_BYTES} for the header and the largest seal. */
  public static final int MAX_BLOCK_BYTES_LIMIT = Block.MAX_ENCODED_BYTES - 1024 * 1024;

  public static final LedgerRules DEFAULTS =
      new LedgerRules(0, 1, 10, 1, 10_000, 4 * 1024 * 1024, 15_000, 100, 10, true);

  /** Rules with the default slashing shares and signature checks on. */
  public LedgerRules(
      long blockReward,
      long minStake,
      long unbondingPeriodBlocks,
      long minCandidateDeposit,
      int maxBlockTransactions,
      int maxBlockBytes,
      long maxFutureDriftMillis) {
    this(
        blockReward,
        minStake,
        unbondingPeriodBlocks,
        minCandidateDeposit,
        maxBlockTransactions,
        maxBlockBytes,
        maxFutureDriftMillis,
        100,
        10,
        true);
  }

  public LedgerRules {
    requireNonNegative(blockReward, "blockReward");
    requirePositive(minStake, "minStake");
    requireNonNegative(unbondingPeriodBlocks, "unbondingPeriodBlocks");
    requirePositive(minCandidateDeposit, "minCandidateDeposit");
    if (maxBlockTransactions < 1 || maxBlockTransactions > Block.MAX_TRANSACTIONS) {
      throw new IllegalArgumentException(
          "maxBlockTransactions must be 1.."
              + Block.MAX_TRANSACTIONS
              + ", got "
              + maxBlockTransactions);
    }
    if (maxBlockBytes < 1 || maxBlockBytes > MAX_BLOCK_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "maxBlockBytes must be 1.." + MAX_BLOCK_BYTES_LIMIT + ", got " + maxBlockBytes);
    }
    requireNonNegative(maxFutureDriftMillis, "maxFutureDriftMillis");
    requirePercent(slashPercent, "slashPercent");
    requirePercent(reporterRewardPercent, "reporterRewardPercent");
  }

  /** The same rules with signature checks on or off (see {@code verifyTransactionSignatures}). */
  public LedgerRules withVerifyTransactionSignatures(boolean verify) {
    return new LedgerRules(
        blockReward,
        minStake,
        unbondingPeriodBlocks,
        minCandidateDeposit,
        maxBlockTransactions,
        maxBlockBytes,
        maxFutureDriftMillis,
        slashPercent,
        reporterRewardPercent,
        verify);
  }

  private static void requirePercent(int value, String name) {
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException(name + " must be 0..100, got " + value);
    }
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}

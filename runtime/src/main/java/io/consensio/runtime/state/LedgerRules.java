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
 */
public record LedgerRules(
    long blockReward,
    long minStake,
    long unbondingPeriodBlocks,
    long minCandidateDeposit,
    int maxBlockTransactions,
    int maxBlockBytes,
    long maxFutureDriftMillis) {
  /** Leaves room in {@link Block#MAX_ENCODED_BYTES} for the header and the largest seal. */
  public static final int MAX_BLOCK_BYTES_LIMIT = Block.MAX_ENCODED_BYTES - 1024 * 1024;

  public static final LedgerRules DEFAULTS =
      new LedgerRules(0, 1, 10, 1, 10_000, 4 * 1024 * 1024, 15_000);

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

package io.consensio.pow.chain;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.difficulty.DifficultyRule;
import io.consensio.pow.difficulty.MedianTimePast;
import io.consensio.pow.header.BlockCommitment;
import io.consensio.pow.header.DoubleSha256;
import io.consensio.pow.header.PowHeader;
import io.consensio.pow.header.PowSeal;
import io.consensio.pow.target.CompactTarget;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof-of-work seal rules a block must meet, in Bitcoin Core's order: the context-free header
 * check first ({@code CheckBlockHeader}: the hash is below a valid target), then the contextual
 * ones ({@code ContextualCheckBlockHeader} in src/validation.cpp: {@code bad-diffbits}, {@code
 * time-too-old} against the median time past, {@code time-too-new}), plus the links that tie the
 * 80-byte header to the Consensio block (see {@link PowSeal}). Every rejection is counted as {@code
 * pow.seal.rejected} with its reason and logged with the reason, height and block id, as Core logs
 * {@code "ContextualCheckBlockHeader: bad-diffbits"}. Logging at INFO cannot be flooded cheaply:
 * blocks from peers reach this check only after their header's own proof of work checked out.
 * Event-loop only.
 */
public final class SealValidator {
  private static final Logger LOG = LoggerFactory.getLogger(SealValidator.class);

  private final PowChainView view;
  private final DifficultyRule rule;
  private final BigInteger powLimit;
  private final long maxFutureMillis;
  private final Scheduler scheduler;
  private final Supplier<Optional<Checkpoint>> checkpoint;
  private final Metrics metrics;

  public SealValidator(
      PowChainView view,
      DifficultyRule rule,
      BigInteger powLimit,
      long maxFutureMillis,
      Scheduler scheduler,
      Supplier<Optional<Checkpoint>> checkpoint,
      Metrics metrics) {
    this.view = view;
    this.rule = rule;
    this.powLimit = powLimit;
    this.maxFutureMillis = maxFutureMillis;
    this.scheduler = scheduler;
    this.checkpoint = checkpoint;
    this.metrics = metrics;
  }

  /**
   * The cheap, context-free test run before a peer's block is executed or its header relayed: the
   * seal decodes and its hash meets its own target. Costs one double SHA-256.
   */
  public static boolean hasValidWork(BlockHeader header, BigInteger powLimit) {
    if (header.height() < 1) {
      return false;
    }
    try {
      PowSeal seal = PowSeal.decode(header.seal());
      CompactTarget.Decoded target = CompactTarget.decode(seal.header().bits());
      return target.isUsableTarget(powLimit)
          && DoubleSha256.asNumber(seal.powHash()).compareTo(target.value()) <= 0;
    } catch (DecodingException e) {
      return false;
    }
  }

  public SealVerdict check(Block block) {
    String reason = violation(block);
    if (reason == null) {
      return SealVerdict.VALID;
    }
    metrics.increment("pow.seal.rejected", "reason", reason);
    LOG.info("refused block {} at height {}: {}", block.id(), block.height(), reason);
    return SealVerdict.reject(reason);
  }

  private String violation(Block block) {
    PowSeal seal;
    try {
      seal = PowSeal.decode(block.header().seal());
    } catch (DecodingException e) {
      return "bad-seal-encoding";
    }
    PowHeader header = seal.header();
    Block parent = view.chain().block(block.parent()).orElse(null);
    if (parent == null) {
      return "unknown-parent";
    }
    if (header.version() < 1) {
      return "bad-version";
    }
    if (!Arrays.equals(header.merkleRoot(), BlockCommitment.of(block.id(), seal.extraNonce()))) {
      return "bad-commitment";
    }
    if (!Arrays.equals(header.previousHash(), view.powHash(parent))) {
      return "bad-prevblk";
    }
    long timestamp = block.header().timestampMillis();
    if (timestamp < 0 || header.time() != timestamp / 1000) {
      return "bad-time-field";
    }
    CompactTarget.Decoded target = CompactTarget.decode(header.bits());
    if (!target.isUsableTarget(powLimit)
        || DoubleSha256.asNumber(seal.powHash()).compareTo(target.value()) > 0) {
      return "bad-pow";
    }
    if (header.bits() != rule.nextBits(view.history(parent))) {
      return "bad-diffbits";
    }
    if (timestamp <= MedianTimePast.of(view.history(parent))) {
      return "time-too-old";
    }
    long now = scheduler.nowMillis();
    if (timestamp > now + maxFutureMillis) {
      return "time-too-new";
    }
    Optional<Checkpoint> cp = checkpoint.get();
    if (cp.isPresent()
        && cp.get().height() == block.height()
        && !cp.get().blockId().equals(block.id())) {
      return "checkpoint-mismatch";
    }
    return null;
  }
}

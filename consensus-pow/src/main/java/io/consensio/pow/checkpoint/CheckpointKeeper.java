package io.consensio.pow.checkpoint;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.services.DurableStore;
import io.consensio.api.types.Block;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Holds the newest valid checkpoint (persisted and synced, since it is a safety rule that must
 * survive a crash) and, on the node holding the checkpoint key, issues new ones. Event-loop only.
 */
public final class CheckpointKeeper {
  private static final byte[] STORE_KEY = "pow/checkpoint".getBytes(StandardCharsets.US_ASCII);

  private final Optional<PublicKey> key;
  private final Signer signer;
  private final Verifier verifier;
  private final DurableStore store;
  private final ChainStore chain;
  private final int intervalBlocks;
  private final int depth;
  private Checkpoint latest;

  public CheckpointKeeper(
      Optional<PublicKey> key,
      Signer signer,
      Verifier verifier,
      DurableStore store,
      ChainStore chain,
      int intervalBlocks,
      int depth) {
    this.key = key;
    this.signer = signer;
    this.verifier = verifier;
    this.store = store;
    this.chain = chain;
    this.intervalBlocks = intervalBlocks;
    this.depth = depth;
  }

  public boolean enabled() {
    return key.isPresent();
  }

  /** Restores the checkpoint stored before a restart, if it still verifies. */
  public void load() {
    if (key.isEmpty()) {
      return;
    }
    store
        .get(STORE_KEY)
        .ifPresent(
            bytes -> {
              try {
                Checkpoint stored = Checkpoint.decode(bytes);
                if (verifies(stored)) {
                  latest = stored;
                }
              } catch (DecodingException e) {
                // A torn write cannot happen (put is atomic), so this is a foreign value: ignore
                // it.
              }
            });
  }

  public Optional<Checkpoint> latest() {
    return Optional.ofNullable(latest);
  }

  public boolean verifies(Checkpoint checkpoint) {
    return key.isPresent()
        && verifier.verify(
            key.get(),
            Checkpoint.signingBytes(
                chain.genesis().id(), checkpoint.height(), checkpoint.blockId()),
            checkpoint.signature());
  }

  /** Takes a verified checkpoint newer than the current one; false if old or not verified. */
  public boolean accept(Checkpoint checkpoint) {
    if (latest != null && checkpoint.height() <= latest.height()) {
      return false;
    }
    if (!verifies(checkpoint)) {
      return false;
    }
    latest = checkpoint;
    store.put(STORE_KEY, checkpoint.encode());
    store.sync();
    return true;
  }

  /**
   * On the key holder: a checkpoint of the newest multiple of the interval that is at least {@code
   * depth} blocks deep on the canonical chain, if newer than the last one.
   */
  public Optional<Checkpoint> issue() {
    if (key.isEmpty() || !key.get().equals(signer.publicKey())) {
      return Optional.empty();
    }
    long deepEnough = chain.head().height() - depth + 1;
    long height = deepEnough / intervalBlocks * intervalBlocks;
    if (height < 1 || (latest != null && height <= latest.height())) {
      return Optional.empty();
    }
    Optional<Block> block = chain.canonicalAt(height);
    if (block.isEmpty()) {
      return Optional.empty();
    }
    byte[] signed = Checkpoint.signingBytes(chain.genesis().id(), height, block.get().id());
    Checkpoint checkpoint = new Checkpoint(height, block.get().id(), signer.sign(signed));
    return accept(checkpoint) ? Optional.of(checkpoint) : Optional.empty();
  }
}

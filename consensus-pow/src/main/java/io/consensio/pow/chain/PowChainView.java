package io.consensio.pow.chain;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pow.difficulty.BlockHistory;
import io.consensio.pow.header.PowSeal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proof-of-work facts about blocks in the ledger's tree: PoW hash, compact target, ancestors.
 *
 * <p>Genesis carries the chain id as its seal, not a PoW header, so it is defined here: its PoW
 * hash is its block id (what block 1's previous-hash field must hold) and its target is the
 * configured genesis target. Every other block in the tree passed the seal check, so its seal
 * decodes. Event-loop only.
 */
public final class PowChainView {
  private static final int HASH_CACHE_SIZE = 4_096;

  private final ChainStore chain;
  private final int genesisBits;
  private final Map<Hash, byte[]> powHashes =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, byte[]> eldest) {
          return size() > HASH_CACHE_SIZE;
        }
      };

  public PowChainView(ChainStore chain, int genesisBits) {
    this.chain = chain;
    this.genesisBits = genesisBits;
  }

  public ChainStore chain() {
    return chain;
  }

  public byte[] powHash(Block block) {
    if (block.height() == 0) {
      return block.id().toBytes();
    }
    return powHashes.computeIfAbsent(block.id(), id -> seal(block).powHash()).clone();
  }

  public int bits(Block block) {
    return block.height() == 0 ? genesisBits : seal(block).header().bits();
  }

  private static PowSeal seal(Block block) {
    return PowSeal.decode(block.header().seal());
  }

  /** The ancestor of {@code block} at {@code height}, or null when it is not in the tree. */
  public Block ancestor(Block block, long height) {
    Block cursor = block;
    while (cursor != null && cursor.height() > height) {
      cursor = chain.block(cursor.parent()).orElse(null);
    }
    return cursor != null && cursor.height() == height ? cursor : null;
  }

  /** {@code tip} and its ancestors, walked lazily as a rule asks for older heights. */
  public BlockHistory history(Block tip) {
    return new LazyHistory(tip);
  }

  private final class LazyHistory implements BlockHistory {
    private final List<Block> walked = new ArrayList<>();

    LazyHistory(Block tip) {
      walked.add(tip);
    }

    private Block at(long height) {
      long tipHeight = walked.get(0).height();
      if (height > tipHeight || height < 0) {
        throw new IllegalArgumentException("height " + height + " is not an ancestor");
      }
      int index = (int) (tipHeight - height);
      while (walked.size() <= index) {
        Block last = walked.get(walked.size() - 1);
        Block parent =
            chain
                .block(last.parent())
                .orElseThrow(
                    () -> new IllegalStateException("ancestor at " + height + " is not stored"));
        walked.add(parent);
      }
      return walked.get(index);
    }

    @Override
    public long tipHeight() {
      return walked.get(0).height();
    }

    @Override
    public long timeMillis(long height) {
      return at(height).header().timestampMillis();
    }

    @Override
    public int bits(long height) {
      return PowChainView.this.bits(at(height));
    }
  }
}

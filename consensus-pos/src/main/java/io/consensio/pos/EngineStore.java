package io.consensio.pos;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.DurableStore;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.BlockInfoCodec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a proof-of-stake node must remember across a crash, in the engine's durable store:
 *
 * <ul>
 *   <li>the last slot it signed a block for, and the epochs of its last finality vote, both synced
 *       before the signature leaves the node, so a restarted validator never signs a second block
 *       for a slot or a double or surround vote — the offences it would be slashed for;
 *   <li>the {@link BlockInfo} of the finalized block and its checkpoint epoch, synced just before
 *       the ledger's {@code markFinal}, so the engine can derive the infos of the blocks above it
 *       after a restart although the ledger prunes the states below it.
 * </ul>
 *
 * Event-loop thread only.
 */
final class EngineStore {
  private static final byte[] PROPOSED = key("pos/proposed-slot");
  private static final byte[] VOTED = key("pos/last-vote");
  private static final byte[] ROOT = key("pos/finalized-root");

  /** The epochs of the last vote this validator signed. */
  record LastVote(long sourceEpoch, long targetEpoch) {}

  /** The finalized block's info and the epoch of the checkpoint it was finalized as. */
  record Root(BlockInfo info, long epoch) {}

  private final DurableStore store;

  EngineStore(DurableStore store) {
    this.store = store;
  }

  long lastProposedSlot() {
    return store.get(PROPOSED).map(EngineStore::readLong).orElse(0L);
  }

  void recordProposal(long slot) {
    store.put(PROPOSED, new CanonicalWriter(8).writeLong(slot).toByteArray());
    store.sync();
  }

  Optional<LastVote> lastVote() {
    return store
        .get(VOTED)
        .map(
            bytes -> {
              CanonicalReader r = new CanonicalReader(bytes);
              LastVote vote = new LastVote(r.readLong(), r.readLong());
              r.finish();
              return vote;
            });
  }

  void recordVote(long sourceEpoch, long targetEpoch) {
    store.put(
        VOTED, new CanonicalWriter(16).writeLong(sourceEpoch).writeLong(targetEpoch).toByteArray());
    store.sync();
  }

  Optional<Root> root() {
    return store
        .get(ROOT)
        .map(
            bytes -> {
              CanonicalReader r = new CanonicalReader(bytes);
              long epoch = r.readNonNegativeLong("epoch");
              byte[] info = r.readBytes(bytes.length);
              r.finish();
              return new Root(BlockInfoCodec.decode(info), epoch);
            });
  }

  /**
   * Synced before the ledger's markFinal: a root ahead of the ledger's finalized head is repaired
   * at start, a root behind it could not be.
   */
  void saveRoot(BlockInfo info, long epoch) {
    CanonicalWriter w = new CanonicalWriter(512);
    w.writeLong(epoch);
    w.writeBytes(BlockInfoCodec.encode(info));
    store.put(ROOT, w.toByteArray());
    store.sync();
  }

  private static long readLong(byte[] bytes) {
    if (bytes.length != 8) {
      throw new DecodingException("stored slot must be 8 bytes");
    }
    return new CanonicalReader(bytes).readLong();
  }

  private static byte[] key(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }
}

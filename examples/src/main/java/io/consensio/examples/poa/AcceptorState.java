package io.consensio.examples.poa;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.services.DurableStore;
import io.consensio.api.types.Block;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A Paxos acceptor's promises for the height being decided ("Paxos Made Simple" §2.2): the highest
 * round it promised and the last block it accepted. Both are synced to disk before the promise or
 * acceptance is sent, so a restarted acceptor cannot break a promise it made before the crash.
 */
final class AcceptorState {
  private static final byte[] KEY = "poa/acceptor".getBytes(StandardCharsets.US_ASCII);

  private final DurableStore store;
  private long height;
  private int promisedRound = -1;
  private int acceptedRound = -1;
  private Block acceptedBlock;

  private AcceptorState(DurableStore store) {
    this.store = store;
  }

  /** Loads what was synced before a crash; the state applies only if it is for {@code height}. */
  static AcceptorState load(DurableStore store, long height) {
    AcceptorState state = new AcceptorState(store);
    state.height = height;
    store
        .get(KEY)
        .ifPresent(
            bytes -> {
              CanonicalReader r = new CanonicalReader(bytes);
              long savedHeight = r.readLong();
              int promised = r.readInt();
              int accepted = r.readInt();
              Block block = r.readBoolean() ? Block.read(r) : null;
              r.finish();
              if (savedHeight == height) {
                state.promisedRound = promised;
                state.acceptedRound = accepted;
                state.acceptedBlock = block;
              }
            });
    return state;
  }

  /** Forgets the promises of the decided height; nothing need be synced for an empty state. */
  void advanceTo(long newHeight) {
    height = newHeight;
    promisedRound = -1;
    acceptedRound = -1;
    acceptedBlock = null;
  }

  int promisedRound() {
    return promisedRound;
  }

  int acceptedRound() {
    return acceptedRound;
  }

  Optional<Block> acceptedBlock() {
    return Optional.ofNullable(acceptedBlock);
  }

  void promise(int round) {
    promisedRound = round;
    persist();
  }

  void accept(int round, Block block) {
    promisedRound = Math.max(promisedRound, round);
    acceptedRound = round;
    acceptedBlock = block;
    persist();
  }

  private void persist() {
    CanonicalWriter w = new CanonicalWriter();
    w.writeLong(height).writeInt(promisedRound).writeInt(acceptedRound);
    w.writeBoolean(acceptedBlock != null);
    if (acceptedBlock != null) {
      acceptedBlock.write(w);
    }
    store.put(KEY, w.toByteArray());
    store.sync();
  }
}

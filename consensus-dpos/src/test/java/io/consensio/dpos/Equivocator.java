package io.consensio.dpos;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.dpos.messages.DposCodec;
import io.consensio.dpos.messages.DposMessage;
import io.consensio.dpos.seal.DposSeal;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * A byzantine delegate's network layer: for each block its node produces, it builds a second,
 * different block for the same parent and slot, signs it with the node's key, and sends the two
 * blocks to different halves of the peers — double production.
 */
final class Equivocator implements PeerMessenger {
  private final PeerMessenger inner;
  private final Ed25519KeyPair key;
  private final Supplier<ChainStore> chain;
  private final List<NodeId> peers;
  private long doubleProductions;

  Equivocator(
      PeerMessenger inner, Ed25519KeyPair key, Supplier<ChainStore> chain, List<NodeId> peers) {
    this.inner = inner;
    this.key = key;
    this.chain = chain;
    this.peers = peers;
  }

  long doubleProductions() {
    return doubleProductions;
  }

  @Override
  public void send(NodeId to, MessageChannel channel, byte[] payload) {
    inner.send(to, channel, payload);
  }

  @Override
  public void broadcast(MessageChannel channel, byte[] payload) {
    if (channel == MessageChannel.CONSENSUS
        && DposCodec.decode(payload) instanceof DposMessage.NewBlock m
        && m.block().header().proposer().equals(key.publicKey())) {
      Block twin = twinOf(m.block());
      byte[] twinPayload = DposCodec.encode(new DposMessage.NewBlock(twin));
      for (int i = 0; i < peers.size(); i++) {
        inner.send(peers.get(i), channel, i % 2 == 0 ? payload : twinPayload);
      }
      doubleProductions++;
      return;
    }
    inner.broadcast(channel, payload);
  }

  private Block twinOf(Block original) {
    ChainStore ledger = chain.get();
    long nonce = ledger.stateAt(original.parent()).orElseThrow().nonce(key.publicKey());
    byte[] marker = ByteBuffer.allocate(8).putLong(original.height()).array();
    Transaction tx =
        Transaction.sign(key, nonce, 0, new TxPayload.KvPut("twin".getBytes(), marker));
    Block unsealed =
        ledger.buildBlock(
            original.parent(), List.of(tx), original.header().timestampMillis(), key.publicKey());
    DposSeal seal = DposSeal.decode(original.header().seal());
    DposSeal twinSeal =
        new DposSeal(
            seal.slot(),
            seal.roundState(),
            key.sign(DposSeal.signingBytes(unsealed.id(), seal.slot(), seal.roundDigest())));
    return unsealed.withSeal(twinSeal.encode());
  }
}

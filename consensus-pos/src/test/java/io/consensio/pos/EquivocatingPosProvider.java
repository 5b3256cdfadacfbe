package io.consensio.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Network;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.messages.PosCodec;
import io.consensio.pos.messages.PosMessage;
import io.consensio.pos.seal.PosSeal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code consensus.type: pos-equivocating}: proof of stake on every node, except that {@link
 * #BYZANTINE} signs a second, different block for every slot it wins and sends one block to half of
 * its peers and the other block to the rest — the classic equivocation attack. Its engine is the
 * real {@link PosEngine}; only its network is wrapped.
 */
public final class EquivocatingPosProvider implements ConsensusProvider {
  static final NodeId BYZANTINE = NodeId.of("node-00");

  @Override
  public String name() {
    return "pos-equivocating";
  }

  @Override
  public String description() {
    return "test only: pos where node-00 signs two blocks per slot it wins";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    PosConfig.parse(section);
  }

  @Override
  public EvidenceJudge evidenceJudge(JsonNode section) {
    return new PosProvider().evidenceJudge(section);
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    PosConfig config = PosConfig.parse(context.config());
    if (!context.self().equals(BYZANTINE)) {
      return new PosEngine(context, config);
    }
    return new PosEngine(new ForwardingContext(context, new Equivocator(context)), config);
  }

  /** Splits each of its own proposals into two conflicting blocks for the same slot. */
  private static final class Equivocator implements Network {
    private final ConsensusContext context;

    Equivocator(ConsensusContext context) {
      this.context = context;
    }

    @Override
    public void send(NodeId to, byte[] payload) {
      context.network().send(to, payload);
    }

    @Override
    public void broadcast(byte[] payload) {
      PosMessage message = PosCodec.decode(payload);
      PublicKey self = context.signer().publicKey();
      if (!(message instanceof PosMessage.NewBlock nb)
          || !nb.block().header().proposer().equals(self)) {
        context.network().broadcast(payload);
        return;
      }
      Block original = nb.block();
      Block twin = twinOf(original);
      List<NodeId> peers =
          context.membership().ids().stream().filter(id -> !id.equals(context.self())).toList();
      for (int i = 0; i < peers.size(); i++) {
        Block chosen = i % 2 == 0 ? original : twin;
        context.network().send(peers.get(i), PosCodec.encode(new PosMessage.NewBlock(chosen)));
      }
    }

    /** Same parent and slot, different contents, correctly sealed by the same key. */
    private Block twinOf(Block original) {
      PosSeal seal = PosSeal.decode(original.header().seal());
      PublicKey self = context.signer().publicKey();
      LedgerState parentState = context.chain().stateAt(original.parent()).orElseThrow();
      Transaction marker =
          Transaction.sign(
              context.signer(),
              parentState.nonce(self),
              0,
              new TxPayload.KvPut(
                  "twin".getBytes(StandardCharsets.US_ASCII),
                  Long.toString(seal.slot()).getBytes()));
      Block unsealed =
          context
              .chain()
              .buildBlock(
                  original.parent(), List.of(marker), original.header().timestampMillis(), self);
      Signature signature =
          context.signer().sign(PosSeal.blockSigningBytes(unsealed.id(), seal.slot()));
      return unsealed.withSeal(new PosSeal(seal.slot(), seal.vrfProof(), signature).encode());
    }
  }
}

package io.consensio.pbft.sim;

import io.consensio.api.ConsensusContext;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.PbftConfig.Authentication;
import io.consensio.pbft.auth.MacAuthenticator;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one byzantine replica of a simulation does to the messages its real engine sends, per
 * recipient (OSDI'99 §2: arbitrary behaviour, collusion, but no honest replica's signatures). The
 * behaviours are those of the cluster tests' adversary: an equivocating primary shows the replicas
 * with an odd index a second, equally valid block for each sequence number, and accomplices vote
 * for that block towards them; a silent replica sends nothing; a liar names digests nobody
 * proposed; a replayer resends its old messages, of past views too; a forger flips signature bits
 * or signs in an honest replica's name, and in {@code macs} runs spoils the receiver's tag of a
 * pre-prepare or copies another receiver's tag there. Forged payloads are registered with {@link
 * Shared} so the honest receivers can report whether they dropped them.
 */
final class WireAdversary {
  enum Behaviour {
    EQUIVOCATE,
    SILENT,
    WRONG_DIGESTS,
    REPLAY,
    FORGE
  }

  private static final int HISTORY = 256;

  private final ConsensusContext context;
  private final Behaviour behaviour;
  private final Shared shared;
  private final Random rnd;
  private final List<byte[]> history = new ArrayList<>();
  private final Authentication authentication;
  private MacAuthenticator macKeys;
  private int announcementsHeard;

  WireAdversary(
      ConsensusContext context, Behaviour behaviour, Shared shared, Authentication authentication) {
    this.context = context;
    this.behaviour = behaviour;
    this.shared = shared;
    this.rnd = context.random();
    this.authentication = authentication;
  }

  /** The payload actually sent to {@code to} instead of {@code payload}, or null for none. */
  byte[] rewrite(NodeId to, byte[] payload) {
    history.add(payload);
    if (history.size() > HISTORY) {
      history.remove(0);
    }
    Authenticated<? extends PbftMessage> received = MessageCodec.decode(payload);
    PbftMessage m = received.message();
    return switch (behaviour) {
      case SILENT -> null;
      case EQUIVOCATE -> equivocate(to, m, payload);
      case WRONG_DIGESTS -> wrongDigest(m, payload);
      case REPLAY -> history.get(rnd.nextInt(history.size()));
      case FORGE ->
          received instanceof MacPrePrepare mac ? forgeAuthenticator(to, mac) : forge(m, payload);
    };
  }

  private boolean deceived(NodeId to) {
    return context.membership().indexOf(to) % 2 == 1;
  }

  private byte[] equivocate(NodeId to, PbftMessage m, byte[] payload) {
    if (!deceived(to)) {
      return payload;
    }
    if (m instanceof PrePrepare pp && context.chain().contains(pp.block().parent())) {
      Block alt =
          shared.alternatives.computeIfAbsent(
              pp.view() + "/" + pp.seq(),
              key -> {
                List<Transaction> txs = pp.block().transactions();
                return context
                    .chain()
                    .buildBlock(
                        pp.block().parent(),
                        txs.subList(0, txs.size() / 2),
                        pp.block().header().timestampMillis() + 1,
                        context.signer().publicKey());
              });
      return sign(new PrePrepare(pp.view(), pp.seq(), alt.id(), alt));
    }
    if (m instanceof Prepare p && shared.alternatives.containsKey(p.view() + "/" + p.seq())) {
      Hash alt = shared.alternatives.get(p.view() + "/" + p.seq()).id();
      return sign(new Prepare(p.view(), p.seq(), alt));
    }
    if (m instanceof Commit c && shared.alternatives.containsKey(c.view() + "/" + c.seq())) {
      Hash alt = shared.alternatives.get(c.view() + "/" + c.seq()).id();
      return sign(new Commit(c.view(), c.seq(), alt));
    }
    return payload;
  }

  private byte[] wrongDigest(PbftMessage m, byte[] payload) {
    Hash bogus = Hash.sha256(("bogus" + rnd.nextLong()).getBytes());
    if (m instanceof Prepare p) {
      return sign(new Prepare(p.view(), p.seq(), bogus));
    }
    if (m instanceof Commit c) {
      return sign(new Commit(c.view(), c.seq(), bogus));
    }
    if (m instanceof Checkpoint c) {
      return sign(new Checkpoint(c.seq(), bogus, c.stateRoot()));
    }
    return payload;
  }

  private byte[] forge(PbftMessage m, byte[] payload) {
    byte[] forged;
    if (rnd.nextBoolean()) {
      forged = payload.clone();
      forged[forged.length - 1 - rnd.nextInt(Signature.SIZE)] ^= (byte) (1 << rnd.nextInt(8));
    } else {
      NodeId victim = shared.someHonest();
      Signature own = context.signer().sign(Signed.signingBytes(m, victim));
      forged = new Signed<>(m, victim, own).encode();
    }
    shared.registerForgery(forged);
    return forged;
  }

  /**
   * A MAC-authenticated pre-prepare with a flipped bit in the receiver's tag, or with the tag meant
   * for another replica copied into the receiver's entry.
   */
  private byte[] forgeAuthenticator(NodeId to, MacPrePrepare mac) {
    int receiver = context.membership().indexOf(to);
    List<byte[]> tags = new ArrayList<>(macKeys().authenticate(mac.message()).tags());
    if (rnd.nextBoolean()) {
      byte[] tag = tags.get(receiver).clone();
      tag[rnd.nextInt(tag.length)] ^= (byte) (1 << rnd.nextInt(8));
      tags.set(receiver, tag);
    } else {
      int other = receiver;
      while (other == receiver || tags.get(other).length == 0) {
        other = rnd.nextInt(tags.size());
      }
      tags.set(receiver, tags.get(other));
    }
    byte[] forged = new MacPrePrepare(mac.message(), mac.sender(), tags).encode();
    shared.registerForgery(forged);
    return forged;
  }

  /** The message with this replica's own credentials: a signature, or its authenticator. */
  private byte[] sign(PbftMessage m) {
    if (m instanceof PrePrepare pp && authentication == Authentication.MACS) {
      return macKeys().authenticate(pp).encode();
    }
    return Signed.sign(m, context.self(), context.signer()).encode();
  }

  /** This replica's MAC keys, having heard every NEW-KEY multicast so far. */
  private MacAuthenticator macKeys() {
    if (macKeys == null) {
      macKeys = new MacAuthenticator(context.self(), context.membership(), context.signer());
    }
    while (announcementsHeard < shared.announcements.size()) {
      macKeys.onNewKey(shared.announcements.get(announcementsHeard++));
    }
    return macKeys;
  }
}

package io.consensio.pbft;

import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.auth.MacAuthenticator;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The f byzantine replicas of a randomized run (OSDI'99 §2: faulty replicas may behave arbitrarily
 * and collude, but cannot produce honest replicas' signatures). They run the real engine, so they
 * hold real protocol state, and rewrite what it sends on the wire: an equivocating primary sends a
 * second, equally valid block for a sequence number to part of the group and its accomplices
 * prepare and commit that block towards the same part; a silent replica sends nothing; a liar names
 * digests nobody proposed; a replayer resends old messages, including those of past views; a forger
 * flips signature bits, signs in an honest replica's name, or nests CHECKPOINT messages "from"
 * honest replicas in a STATUS — and, in {@code macs} runs, flips a bit of a pre-prepare's tag,
 * copies the tag meant for another replica or renames the sender. Each byzantine replica gets one
 * behaviour per run, or all of them mixed. Only the replica's own signer is used, as a real
 * attacker would have.
 */
final class Adversary {
  enum Behaviour {
    EQUIVOCATE,
    SILENT,
    WRONG_DIGESTS,
    REPLAY,
    FORGE,
    MIXED
  }

  /** What a byzantine replica puts on the wire instead of an envelope, and whether it is forged. */
  record Outcome(Envelope envelope, boolean forged) {}

  private record Slot(long view, long seq) {}

  private final Cluster cluster;
  private final Random rnd;
  private final Map<NodeId, Behaviour> behaviours = new HashMap<>();
  private final Map<NodeId, List<Envelope>> history = new HashMap<>();

  /** Honest replicas that are shown the alternative block of an equivocation. */
  private final Set<NodeId> deceived = new TreeSet<>();

  private final Map<Slot, Block> alternatives = new HashMap<>();

  /** Each byzantine replica's MAC keys ({@code macs} runs): its own, and the peers' public ones. */
  private final Map<NodeId, MacAuthenticator> macKeys = new HashMap<>();

  Adversary(Cluster cluster, List<Integer> byzantine, Random rnd) {
    this.cluster = cluster;
    this.rnd = rnd;
    Behaviour[] all = Behaviour.values();
    for (int i : byzantine) {
      behaviours.put(cluster.node(i).id, all[rnd.nextInt(all.length)]);
    }
    for (Node node : cluster.nodes()) {
      if (!behaviours.containsKey(node.id) && rnd.nextBoolean()) {
        deceived.add(node.id);
      }
    }
  }

  boolean controls(NodeId id) {
    return behaviours.containsKey(id);
  }

  Map<NodeId, Behaviour> behaviours() {
    return behaviours;
  }

  /** What the byzantine sender of {@code e} sends instead; a null envelope means nothing. */
  Outcome rewrite(Envelope e) {
    Behaviour behaviour = behaviours.get(e.from());
    List<Envelope> sent = history.computeIfAbsent(e.from(), k -> new ArrayList<>());
    sent.add(e);
    if (behaviour == Behaviour.MIXED) {
      behaviour = Behaviour.values()[rnd.nextInt(Behaviour.values().length - 1)];
    }
    Node liar = cluster.node(cluster.membership.indexOf(e.from()));
    Authenticated<? extends PbftMessage> received = MessageCodec.decode(e.payload());
    PbftMessage m = received.message();
    if (behaviour == Behaviour.FORGE && received instanceof MacPrePrepare mac) {
      return forgeAuthenticator(e, liar, mac);
    }
    return switch (behaviour) {
      case SILENT -> new Outcome(null, false);
      case EQUIVOCATE -> new Outcome(equivocate(e, liar, m), false);
      case WRONG_DIGESTS -> new Outcome(wrongDigest(e, liar, m), false);
      case REPLAY -> new Outcome(replay(e, liar, m, sent), false);
      case FORGE -> forge(e, liar, m);
      case MIXED -> throw new IllegalStateException("resolved above");
    };
  }

  private Envelope equivocate(Envelope e, Node liar, PbftMessage m) {
    if (!deceived.contains(e.to())) {
      return e;
    }
    if (m instanceof PrePrepare pp && liar.chain.contains(pp.block().parent())) {
      Block alt =
          alternatives.computeIfAbsent(
              new Slot(pp.view(), pp.seq()),
              s -> {
                List<io.consensio.api.types.Transaction> txs = pp.block().transactions();
                return liar.chain.buildBlock(
                    pp.block().parent(),
                    txs.subList(0, txs.size() / 2),
                    pp.block().header().timestampMillis() + 1 + rnd.nextInt(1000),
                    liar.signer.publicKey());
              });
      return resign(e, liar, new PrePrepare(pp.view(), pp.seq(), alt.id(), alt));
    }
    // Accomplices vote for the alternative block towards the replicas that were shown it.
    if (m instanceof Prepare p && alternatives.containsKey(new Slot(p.view(), p.seq()))) {
      Hash alt = alternatives.get(new Slot(p.view(), p.seq())).id();
      return resign(e, liar, new Prepare(p.view(), p.seq(), alt));
    }
    if (m instanceof Commit c && alternatives.containsKey(new Slot(c.view(), c.seq()))) {
      Hash alt = alternatives.get(new Slot(c.view(), c.seq())).id();
      return resign(e, liar, new Commit(c.view(), c.seq(), alt));
    }
    return e;
  }

  private Envelope wrongDigest(Envelope e, Node liar, PbftMessage m) {
    Hash bogus = Hash.sha256(("bogus" + rnd.nextLong()).getBytes());
    if (m instanceof Prepare p) {
      return resign(e, liar, new Prepare(p.view(), p.seq(), bogus));
    }
    if (m instanceof Commit c) {
      return resign(e, liar, new Commit(c.view(), c.seq(), bogus));
    }
    if (m instanceof Checkpoint c) {
      return resign(e, liar, new Checkpoint(c.seq(), bogus, c.stateRoot()));
    }
    if (m instanceof PrePrepare pp) {
      return resign(e, liar, new PrePrepare(pp.view(), pp.seq(), bogus, pp.block()));
    }
    return e;
  }

  private Envelope replay(Envelope e, Node liar, PbftMessage m, List<Envelope> sent) {
    if (rnd.nextBoolean()) {
      Envelope old = sent.get(rnd.nextInt(sent.size()));
      return new Envelope(e.from(), e.to(), old.payload());
    }
    // A message of the past view, freshly signed: still only as good as that view.
    if (m instanceof Prepare p && p.view() > 0) {
      return resign(e, liar, new Prepare(p.view() - 1, p.seq(), p.digest()));
    }
    if (m instanceof Commit c && c.view() > 0) {
      return resign(e, liar, new Commit(c.view() - 1, c.seq(), c.digest()));
    }
    return e;
  }

  private Outcome forge(Envelope e, Node liar, PbftMessage m) {
    NodeId victim = honestOtherThan(e.to());
    switch (rnd.nextInt(4)) {
      case 0 -> {
        byte[] flipped = e.payload().clone();
        flipped[flipped.length - 1 - rnd.nextInt(Signature.SIZE)] ^= (byte) (1 << rnd.nextInt(8));
        return new Outcome(new Envelope(e.from(), e.to(), flipped), true);
      }
      case 1 -> {
        // The honest victim's name, the liar's key.
        Signature own = liar.signer.sign(Signed.signingBytes(m, victim));
        return new Outcome(
            new Envelope(e.from(), e.to(), new Signed<>(m, victim, own).encode()), true);
      }
      case 2 -> {
        // A STATUS claiming a checkpoint ahead of everyone, "signed" by honest replicas.
        Node target = cluster.node(cluster.membership.indexOf(e.to()));
        long seq = target.engine.stableCheckpoint().seq() + cluster.config.checkpointInterval();
        List<Signed<Checkpoint>> proof = new ArrayList<>();
        Hash bogus = Hash.sha256(("checkpoint" + seq).getBytes());
        for (Node n : cluster.nodes()) {
          if (proof.size() < 2 * cluster.config.f() + 1) {
            Checkpoint c = new Checkpoint(seq, bogus, bogus);
            proof.add(new Signed<>(c, n.id, liar.signer.sign(Signed.signingBytes(c, n.id))));
          }
        }
        Status status = new Status(0, seq, seq, proof);
        return new Outcome(resign(e, liar, status), true);
      }
      default -> {
        return new Outcome(e, false);
      }
    }
  }

  private NodeId honestOtherThan(NodeId recipient) {
    for (Node n : cluster.nodes()) {
      if (!controls(n.id) && !n.id.equals(recipient)) {
        return n.id;
      }
    }
    throw new IllegalStateException("no honest replica besides " + recipient);
  }

  /**
   * Forgeries of a MAC-authenticated pre-prepare: a flipped bit in the receiver's tag, the tag
   * addressed to another replica copied into the receiver's entry, or an honest replica's name as
   * the sender.
   */
  private Outcome forgeAuthenticator(Envelope e, Node liar, MacPrePrepare mac) {
    int receiver = cluster.membership.indexOf(e.to());
    // Tags from the liar's complete key table: its engine may not have heard every NEW-KEY yet.
    List<byte[]> tags = new ArrayList<>(macKeysOf(liar).authenticate(mac.message()).tags());
    switch (rnd.nextInt(4)) {
      case 0 -> {
        byte[] tag = tags.get(receiver).clone();
        tag[rnd.nextInt(tag.length)] ^= (byte) (1 << rnd.nextInt(8));
        tags.set(receiver, tag);
      }
      case 1 -> {
        int other = receiver;
        while (other == receiver || tags.get(other).length == 0) {
          other = rnd.nextInt(tags.size());
        }
        tags.set(receiver, tags.get(other));
      }
      case 2 -> {
        MacPrePrepare renamed = new MacPrePrepare(mac.message(), honestOtherThan(e.to()), tags);
        return new Outcome(new Envelope(e.from(), e.to(), renamed.encode()), true);
      }
      default -> {
        return new Outcome(e, false);
      }
    }
    MacPrePrepare forged = new MacPrePrepare(mac.message(), mac.sender(), tags);
    return new Outcome(new Envelope(e.from(), e.to(), forged.encode()), true);
  }

  /** The liar's message with its own credentials: a signature, or its authenticator. */
  private <T extends PbftMessage> Envelope resign(Envelope e, Node liar, T message) {
    if (message instanceof PrePrepare pp
        && cluster.config.authentication() == PbftConfig.Authentication.MACS) {
      return new Envelope(e.from(), e.to(), macKeysOf(liar).authenticate(pp).encode());
    }
    return new Envelope(e.from(), e.to(), Signed.sign(message, liar.id, liar.signer).encode());
  }

  /** The liar's MAC keys, having heard every peer's (public) NEW-KEY. */
  private MacAuthenticator macKeysOf(Node liar) {
    return macKeys.computeIfAbsent(
        liar.id,
        id -> {
          MacAuthenticator keys = new MacAuthenticator(id, cluster.membership, liar.signer);
          for (Node peer : cluster.nodes()) {
            if (!peer.id.equals(id)) {
              keys.onNewKey(
                  new MacAuthenticator(peer.id, cluster.membership, peer.signer)
                      .announcement(false));
            }
          }
          return keys;
        });
  }
}

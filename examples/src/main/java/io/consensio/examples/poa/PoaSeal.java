package io.consensio.examples.poa;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a PoA block's seal holds. While a block is being decided it carries the round leader's
 * signature (a proposal seal), which is enough to keep it in the block tree; once a majority
 * accepted it, the seal becomes the commit certificate: the acceptors' signatures, which let any
 * node check that the block was decided without trusting whoever sent it.
 */
sealed interface PoaSeal {
  int round();

  record Proposal(int round, Signature leaderSignature) implements PoaSeal {}

  record Certificate(int round, List<Vote> votes) implements PoaSeal {}

  /** One acceptor's signature, naming the acceptor by its index in the sorted membership. */
  record Vote(int memberIndex, Signature signature) {}

  int PROPOSAL = 1;
  int CERTIFICATE = 2;
  int MAX_VOTES = 1024;

  static byte[] proposalSigningBytes(long height, int round, Hash blockId) {
    return signingBytes("consensio/poa/proposal", height, round, blockId);
  }

  static byte[] acceptSigningBytes(long height, int round, Hash blockId) {
    return signingBytes("consensio/poa/accept", height, round, blockId);
  }

  private static byte[] signingBytes(String domain, long height, int round, Hash blockId) {
    CanonicalWriter w = new CanonicalWriter(96);
    w.writeFixed(domain.getBytes(StandardCharsets.US_ASCII));
    w.writeLong(height).writeInt(round);
    blockId.write(w);
    return w.toByteArray();
  }

  static byte[] encode(PoaSeal seal) {
    CanonicalWriter w = new CanonicalWriter();
    if (seal instanceof Proposal p) {
      w.writeByte(PROPOSAL).writeInt(p.round());
      p.leaderSignature().write(w);
    } else if (seal instanceof Certificate c) {
      w.writeByte(CERTIFICATE).writeInt(c.round());
      w.writeList(
          c.votes(),
          (writer, vote) -> {
            writer.writeInt(vote.memberIndex());
            vote.signature().write(writer);
          });
    }
    return w.toByteArray();
  }

  static PoaSeal decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int kind = r.readByte();
    int round = r.readInt();
    if (round < 0) {
      throw new DecodingException("negative round in seal");
    }
    PoaSeal seal =
        switch (kind) {
          case PROPOSAL -> new Proposal(round, Signature.read(r));
          case CERTIFICATE ->
              new Certificate(
                  round,
                  r.readList(
                      MAX_VOTES, reader -> new Vote(reader.readInt(), Signature.read(reader))));
          default -> throw new DecodingException("unknown poa seal kind " + kind);
        };
    r.finish();
    return seal;
  }
}

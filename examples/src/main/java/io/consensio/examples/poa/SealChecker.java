package io.consensio.examples.poa;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Block;
import java.util.HashSet;
import java.util.Set;

/** Verifies proposal seals and commit certificates against the membership's keys. */
final class SealChecker {
  private final Membership membership;
  private final LeaderSchedule schedule;
  private final Verifier verifier;

  SealChecker(Membership membership, LeaderSchedule schedule, Verifier verifier) {
    this.membership = membership;
    this.schedule = schedule;
    this.verifier = verifier;
  }

  SealVerdict check(Block block) {
    if (membership.memberByKey(block.header().proposer()).isEmpty()) {
      return SealVerdict.reject("proposer-not-an-authority");
    }
    PoaSeal seal;
    try {
      seal = PoaSeal.decode(block.header().seal());
    } catch (DecodingException e) {
      return SealVerdict.reject("malformed-seal");
    }
    return seal instanceof PoaSeal.Certificate certificate
        ? checkCertificate(block, certificate)
        : checkProposal(block, (PoaSeal.Proposal) seal);
  }

  /** True when the block carries a valid commit certificate, not just a proposal seal. */
  boolean isDecided(Block block) {
    try {
      return PoaSeal.decode(block.header().seal()) instanceof PoaSeal.Certificate
          && check(block).valid();
    } catch (DecodingException e) {
      return false;
    }
  }

  private SealVerdict checkProposal(Block block, PoaSeal.Proposal proposal) {
    Member leader = schedule.leader(block.height(), proposal.round());
    byte[] signed = PoaSeal.proposalSigningBytes(block.height(), proposal.round(), block.id());
    return verifier.verify(leader.publicKey(), signed, proposal.leaderSignature())
        ? SealVerdict.VALID
        : SealVerdict.reject("bad-proposal-signature");
  }

  private SealVerdict checkCertificate(Block block, PoaSeal.Certificate certificate) {
    byte[] signed = PoaSeal.acceptSigningBytes(block.height(), certificate.round(), block.id());
    Set<Integer> signers = new HashSet<>();
    for (PoaSeal.Vote vote : certificate.votes()) {
      if (vote.memberIndex() < 0 || vote.memberIndex() >= membership.size()) {
        return SealVerdict.reject("certificate-unknown-signer");
      }
      if (!signers.add(vote.memberIndex())) {
        return SealVerdict.reject("certificate-duplicate-signer");
      }
      Member member = membership.members().get(vote.memberIndex());
      if (!verifier.verify(member.publicKey(), signed, vote.signature())) {
        return SealVerdict.reject("certificate-bad-signature");
      }
    }
    return signers.size() >= schedule.quorum()
        ? SealVerdict.VALID
        : SealVerdict.reject("certificate-below-quorum");
  }
}

package io.consensio.sim.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * How a campaign runs one engine: cluster size, how long each seed's fault and liveness phases
 * last, the client load, the engine's section and simulated compute speed, and which lies its
 * byzantine nodes may tell. Immutable.
 *
 * @param consensus the {@code consensus.type}
 * @param nodes cluster size
 * @param faultPhaseMillis virtual time with load and faults per seed
 * @param settleMillis virtual time after every fault heals, in which every submitted transaction
 *     must become final (else the seed is a liveness failure)
 * @param ratePerSecond client transactions per second during the fault phase
 * @param consensusSection the engine's section, or null for its defaults
 * @param computeUnitsPerSecond simulated compute speed per node (hashes per second for PoW)
 * @param maxByzantine most byzantine nodes a seed may draw: f for the byzantine-tolerant engines; a
 *     crash-tolerant engine may still get one node that withholds, delays, replays and forges, none
 *     of which a crash-tolerant protocol over an asynchronous network with signatures may fall for
 * @param equivocation whether byzantine nodes may be twins (two engine instances, one key): only
 *     for engines that claim to tolerate equivocation
 */
public record CampaignProfile(
    String consensus,
    int nodes,
    long faultPhaseMillis,
    long settleMillis,
    double ratePerSecond,
    JsonNode consensusSection,
    double computeUnitsPerSecond,
    int maxByzantine,
    boolean equivocation) {
  public CampaignProfile {
    Objects.requireNonNull(consensus, "consensus");
    if (nodes < 1 || faultPhaseMillis < 0 || settleMillis <= 0 || !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("need nodes >= 1, durations >= 0 and a positive rate");
    }
    if (maxByzantine < 0 || maxByzantine >= nodes) {
      throw new IllegalArgumentException("maxByzantine must be 0.." + (nodes - 1));
    }
  }

  public CampaignProfile withDurations(long faultMillis, long settle) {
    return new CampaignProfile(
        consensus,
        nodes,
        faultMillis,
        settle,
        ratePerSecond,
        consensusSection,
        computeUnitsPerSecond,
        maxByzantine,
        equivocation);
  }
}

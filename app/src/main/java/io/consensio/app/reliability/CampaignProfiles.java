package io.consensio.app.reliability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.pow.target.CompactTarget;
import io.consensio.sim.campaign.CampaignProfile;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The campaign settings of every built-in engine. Four nodes everywhere (one byzantine or crashed
 * node for both majority and 3f+1 quorums), a 2 s fault phase at 10 client transactions per second,
 * and a liveness phase long enough for the clients' 5 s resubmission of a transaction lost with a
 * crashed node's mempool plus the engine's own notion of finality: a few round trips for PoA; an
 * election after a partition for Raft (10 s left 5 of 300 seeds short, all final within 20 s); view
 * changes with doubled timeouts for PBFT (an equivocating twin primary, seed 90, needed 16 s); two
 * 2 s epochs of Casper FFG for PoS; two thirds of the delegates building on a block for DPoS; six
 * confirmations at a 1 s interval for PoW (seed 40 needed 30 s).
 *
 * <p>Byzantine nodes: PBFT (n = 3f + 1), PoS (Casper FFG, slashing) and DPoS (irreversibility at
 * two thirds, forfeiture for double production) claim to tolerate f equivocating members and get up
 * to f = 1 of them, twins included. Raft, PoA and PoW claim only crash tolerance: they get at most
 * one node that withholds, delays and replays messages (what an asynchronous network may do anyway)
 * and forges signatures (which signature checks must refuse), and no twins.
 */
public final class CampaignProfiles {
  /** Expected hashes per PoW block across the network: small, because the simulator hashes. */
  private static final long POW_HASHES_PER_BLOCK = 512;

  private static final long POW_INTERVAL_MILLIS = 1_000;

  private CampaignProfiles() {}

  /** Every built-in engine's profile, by name. */
  public static Map<String, CampaignProfile> all() {
    Map<String, CampaignProfile> profiles = new TreeMap<>();
    profiles.put("poa", crashTolerant("poa", 10_000, null, 1_000_000));
    profiles.put("raft", crashTolerant("raft", 20_000, null, 1_000_000));
    profiles.put("pow", crashTolerant("pow", 30_000, powSection(), powHashRate(4)));
    profiles.put("pbft", byzantineTolerant("pbft", 20_000));
    profiles.put("pos", byzantineTolerant("pos", 15_000));
    profiles.put("dpos", byzantineTolerant("dpos", 10_000));
    return profiles;
  }

  public static List<String> names() {
    return List.copyOf(all().keySet());
  }

  /** The profile of {@code engine}; fails naming the known engines. */
  public static CampaignProfile of(String engine) {
    CampaignProfile profile = all().get(engine);
    if (profile == null) {
      throw new IllegalArgumentException(
          "no campaign profile for engine '" + engine + "'; known: " + names() + " or all");
    }
    return profile;
  }

  private static CampaignProfile crashTolerant(
      String name, long settleMillis, ObjectNode section, double computeRate) {
    return new CampaignProfile(name, 4, 2_000, settleMillis, 10, section, computeRate, 1, false);
  }

  private static CampaignProfile byzantineTolerant(String name, long settleMillis) {
    return new CampaignProfile(name, 4, 2_000, settleMillis, 10, null, 1_000_000, 1, true);
  }

  private static double powHashRate(int nodes) {
    return POW_HASHES_PER_BLOCK * 1_000.0 / POW_INTERVAL_MILLIS / nodes;
  }

  private static ObjectNode powSection() {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.put("targetBlockIntervalMillis", POW_INTERVAL_MILLIS);
    section.put("difficultyRule", "lwma");
    section.put("lwmaWindowBlocks", 30);
    section.put(
        "genesisBits",
        "0x" + Integer.toHexString(CompactTarget.bitsForExpectedHashes(POW_HASHES_PER_BLOCK)));
    section.put("confirmations", 6);
    section.put("chunkNonces", POW_HASHES_PER_BLOCK / 64);
    return section;
  }
}

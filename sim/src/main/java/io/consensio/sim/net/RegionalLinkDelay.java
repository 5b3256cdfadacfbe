package io.consensio.sim.net;

import io.consensio.api.types.NodeId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A wide-area network of regions with finite uplinks: the delay of a message is the time it waits
 * for its sender's uplink (which serialises everything that node sends, so a node that broadcasts a
 * block to a thousand peers really pays for a thousand copies), plus its transmission time at the
 * uplink's rate, plus a log-normal propagation latency whose median depends on the pair of regions
 * (p99 twice the median).
 *
 * <p>Nodes are placed in regions in member order, contiguously, in proportion to each region's
 * share, so the same member list always gives the same placement. {@link #wan(List, double)} holds
 * figures in the range of published inter-region round-trip measurements (e.g. WonderNetwork's ping
 * tables, halved to one way) and a node distribution resembling public Bitcoin node censuses: they
 * are a model to compare algorithms with, not a measurement of any one network.
 *
 * <p>Threading: single-threaded, called by {@link SimNetwork} on the simulation thread; the uplink
 * state evolves only from the messages sent, so runs replay with the seed.
 */
public final class RegionalLinkDelay implements LinkDelay {
  /** Per-message framing overhead on the wire: TCP/IP headers plus the transport's frame header. */
  public static final int OVERHEAD_BYTES = 60;

  /** One region: its name and the share of nodes in it. */
  public record Region(String name, double share) {
    public Region {
      Objects.requireNonNull(name, "name");
      if (!(share > 0)) {
        throw new IllegalArgumentException("region share must be positive: " + name);
      }
    }
  }

  private final List<Region> regions;
  private final LatencyModel.LogNormal[][] propagation;
  private final double uplinkBytesPerMicro;
  private final Map<NodeId, Integer> regionOf = new HashMap<>();
  private final Map<NodeId, long[]> uplinkFreeAt = new HashMap<>();

  /**
   * @param regions the regions and their node shares (normalised here)
   * @param oneWayMillis the median one-way latency between region i and j (symmetric, with the
   *     intra-region latency on the diagonal)
   * @param nodes the members, in the order they are placed
   * @param uplinkMbitPerSecond every node's uplink bandwidth
   */
  public RegionalLinkDelay(
      List<Region> regions,
      double[][] oneWayMillis,
      List<NodeId> nodes,
      double uplinkMbitPerSecond) {
    if (regions.isEmpty() || oneWayMillis.length != regions.size()) {
      throw new IllegalArgumentException("need one latency row per region");
    }
    if (!(uplinkMbitPerSecond > 0)) {
      throw new IllegalArgumentException("uplink bandwidth must be positive");
    }
    this.regions = List.copyOf(regions);
    int r = regions.size();
    this.propagation = new LatencyModel.LogNormal[r][r];
    for (int i = 0; i < r; i++) {
      if (oneWayMillis[i].length != r) {
        throw new IllegalArgumentException("the latency matrix must be square");
      }
      for (int j = 0; j < r; j++) {
        if (oneWayMillis[i][j] != oneWayMillis[j][i] || !(oneWayMillis[i][j] > 0)) {
          throw new IllegalArgumentException("latencies must be positive and symmetric");
        }
        long median = Math.round(oneWayMillis[i][j] * 1_000);
        propagation[i][j] = new LatencyModel.LogNormal(median, 2 * median);
      }
    }
    this.uplinkBytesPerMicro = uplinkMbitPerSecond * 1e6 / 8 / 1e6;
    double total = regions.stream().mapToDouble(Region::share).sum();
    for (int n = 0; n < nodes.size(); n++) {
      double position = (n + 0.5) / nodes.size() * total;
      double cumulative = 0;
      int region = r - 1;
      for (int i = 0; i < r; i++) {
        cumulative += regions.get(i).share();
        if (position < cumulative) {
          region = i;
          break;
        }
      }
      regionOf.put(nodes.get(n), region);
      uplinkFreeAt.put(nodes.get(n), new long[1]);
    }
  }

  /**
   * Five regions — North America 35 %, Europe 35 %, Asia 20 %, South America 5 %, Oceania 5 % —
   * with one-way medians from 10 ms (within Europe) to 150 ms (Asia to South America).
   */
  public static RegionalLinkDelay wan(List<NodeId> nodes, double uplinkMbitPerSecond) {
    List<Region> regions =
        List.of(
            new Region("north-america", 0.35),
            new Region("europe", 0.35),
            new Region("asia", 0.20),
            new Region("south-america", 0.05),
            new Region("oceania", 0.05));
    double[][] oneWay = {
      {20, 45, 90, 60, 75},
      {45, 10, 110, 100, 140},
      {90, 110, 30, 150, 60},
      {60, 100, 150, 20, 140},
      {75, 140, 60, 140, 10}
    };
    return new RegionalLinkDelay(regions, oneWay, nodes, uplinkMbitPerSecond);
  }

  /** The region {@code node} was placed in. */
  public String regionOf(NodeId node) {
    return regions.get(index(node)).name();
  }

  @Override
  public long delayMicros(NodeId from, NodeId to, int bytes, long nowMicros, Random random) {
    long[] freeAt = uplinkFreeAt.get(from);
    if (freeAt == null) {
      throw new IllegalArgumentException(from + " was not placed in a region");
    }
    long start = Math.max(nowMicros, freeAt[0]);
    long transmit = (long) Math.ceil((bytes + OVERHEAD_BYTES) / uplinkBytesPerMicro);
    freeAt[0] = start + transmit;
    long flight = propagation[index(from)][index(to)].sampleMicros(random);
    return start - nowMicros + transmit + flight;
  }

  private int index(NodeId node) {
    Integer region = regionOf.get(node);
    if (region == null) {
      throw new IllegalArgumentException(node + " was not placed in a region");
    }
    return region;
  }
}

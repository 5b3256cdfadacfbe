package io.consensio.sim.scale;

/**
 * The figures of one simulated-scale run, per committed transaction where that is the useful unit.
 *
 * @param overlayDegree mean neighbours per node of the peer overlay, 0 on the full mesh
 * @param simulatedSeconds virtual time of the load phase (what throughput is measured over)
 * @param wallMillis how long the run took on this machine
 * @param cpuMillis CPU time of the simulating thread: the figure to compare on a shared machine
 * @param throughputTps committed client transactions per simulated second of load
 * @param messagesPerTx messages sent by all nodes (consensus, gossip and catch-up) per committed
 *     transaction
 * @param consensusMessagesPerTx only the consensus channel's messages (not transaction gossip,
 *     which floods every link once per transaction whatever the algorithm), per committed tx
 * @param blocksProduced blocks the nodes produced (PoW, PoS, DPoS; -1 where the engine counts none)
 * @param staleRate share of produced blocks not on node-00's final chain (-1 where not counted)
 * @param viewChanges Raft elections after the first, PBFT views after view 0 (-1 for others)
 * @param safe no invariant checker found a violation
 */
public record ScaleResult(
    String consensus,
    int nodes,
    double overlayDegree,
    double simulatedSeconds,
    long wallMillis,
    long cpuMillis,
    long committedTxs,
    long submittedTxs,
    double throughputTps,
    double p50LatencyMs,
    double p90LatencyMs,
    double p99LatencyMs,
    double maxLatencyMs,
    long messagesSent,
    long bytesSent,
    double messagesPerTx,
    double bytesPerTx,
    double consensusMessagesPerTx,
    double consensusBytesPerTx,
    long finalizedHeight,
    long blocksProduced,
    double staleRate,
    long viewChanges,
    long events,
    boolean safe) {}

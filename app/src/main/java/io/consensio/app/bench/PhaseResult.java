package io.consensio.app.bench;

import java.util.List;

/**
 * One load phase of a cluster run.
 *
 * @param mode {@code open} (a set rate, whatever the cluster does) or {@code closed} (a window of
 *     outstanding transactions, a new one only when one commits)
 * @param offered transactions per second (open) or the window (closed)
 * @param seconds the load window
 * @param throughputTps the phase's transactions that became final, per second of the longer of the
 *     load window and the span from their first to their last commit (commits trail submissions by
 *     the latency, so a window shorter than the latency would otherwise show nothing)
 * @param messagesPerTx peer messages every node queued during the phase (consensus, gossip,
 *     catch-up), per transaction committed in the phase
 * @param consensusMessagesPerTx only the consensus channel (not transaction gossip), per committed
 *     transaction
 * @param cdf (latency ms, fraction) pairs of the latency to finality
 */
public record PhaseResult(
    String mode,
    double offered,
    long submitted,
    long refused,
    long committed,
    double seconds,
    double throughputTps,
    double p50LatencyMs,
    double p90LatencyMs,
    double p99LatencyMs,
    double maxLatencyMs,
    double messagesPerTx,
    double bytesPerTx,
    double consensusMessagesPerTx,
    List<double[]> cdf) {}

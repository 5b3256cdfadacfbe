/**
 * The deterministic simulator's parts. One {@link io.consensio.sim.time.EventQueue} carries virtual
 * time; one {@link io.consensio.sim.random.SeedTree} derives every random stream from the run's
 * seed; nothing reads the wall clock or starts a thread, so a seed replays a run exactly and a
 * {@link io.consensio.sim.trace.TraceRecorder} hash proves it.
 *
 * <p>How an orchestrator assembles a run:
 *
 * <ol>
 *   <li>per node: a {@link io.consensio.sim.time.SimScheduler} (the node's event loop and clock), a
 *       {@link io.consensio.sim.disk.SimDisk} (its storage) and a messenger from {@link
 *       io.consensio.sim.net.SimNetwork#register}; the node core sets its handler with {@code
 *       SimNetwork.setHandler};
 *   <li>{@link io.consensio.sim.load.LoadGenerator#genesisAccounts()} goes into the genesis; the
 *       generator submits through a callback and is polled with a node's chain store;
 *   <li>an {@link io.consensio.sim.check.InvariantMonitor} is told which chain store each running
 *       node has and is asked to check after events or periodically;
 *   <li>a {@link io.consensio.sim.fault.FaultPlan} configures the network model and, through a
 *       {@link io.consensio.sim.fault.FaultScheduler}, times crashes ({@code SimScheduler.crash()}
 *       + {@code SimDisk.crash()}), restarts, pauses, partitions and clock skews, then heals
 *       everything before the liveness phase.
 * </ol>
 */
package io.consensio.sim;

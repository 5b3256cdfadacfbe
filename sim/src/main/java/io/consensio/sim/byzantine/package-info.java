/**
 * Byzantine behaviour for any engine, in the simulator's network layer: a {@link
 * io.consensio.sim.byzantine.Adversary} given to {@link io.consensio.sim.Simulation} decorates what
 * nodes send and receive and how they verify signatures. {@link
 * io.consensio.sim.byzantine.ByzantineAdversary} implements twins (two engine instances sharing one
 * identity and key), withholding, delay, replay and forged signatures, and measures in a {@link
 * io.consensio.sim.byzantine.ForgeryLedger} whether any honest node took a forged signature in.
 * Deterministic and single-threaded, like the rest of the simulator.
 */
package io.consensio.sim.byzantine;

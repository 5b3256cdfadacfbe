/**
 * The Consensio service provider interface: what a consensus module implements ({@link
 * io.consensio.api.ConsensusProvider}, {@link io.consensio.api.ConsensusEngine}) and what the
 * runtime gives it ({@link io.consensio.api.ConsensusContext}). Depends on Bouncy Castle and
 * Jackson only.
 */
package io.consensio.api;

package io.consensio.sim.load;

import io.consensio.api.crypto.PublicKey;

/** An account the genesis block must fund for the simulated clients to transact. */
public record GenesisAccount(PublicKey publicKey, long balance) {}

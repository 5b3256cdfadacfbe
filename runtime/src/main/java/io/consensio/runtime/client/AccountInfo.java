package io.consensio.runtime.client;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;

/**
 * An account as of the node's head block. {@code nonce} is the nonce the account's next transaction
 * must carry, not counting transactions still pending in the mempool.
 */
public record AccountInfo(
    PublicKey publicKey,
    long balance,
    long nonce,
    long stake,
    long unbonding,
    long unbondingReleaseHeight,
    long atHeight,
    Hash atBlock) {}

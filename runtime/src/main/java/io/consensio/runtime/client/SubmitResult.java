package io.consensio.runtime.client;

import io.consensio.api.types.Hash;

/**
 * Whether the node's mempool admitted a transaction.
 *
 * @param id the transaction id
 * @param admitted true when the transaction is pending in the mempool
 * @param reason {@code accepted}, or the mempool's refusal reason ({@code bad-signature}, {@code
 *     nonce-too-low}, {@code duplicate}, {@code insufficient-balance}, ...)
 */
public record SubmitResult(Hash id, boolean admitted, String reason) {}

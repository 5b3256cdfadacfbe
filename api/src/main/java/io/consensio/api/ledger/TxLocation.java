package io.consensio.api.ledger;

import io.consensio.api.types.Hash;

/** Where a transaction sits on the canonical chain, and whether that block is final. */
public record TxLocation(Hash blockId, long height, int index, boolean isFinal) {}

package io.consensio.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusConfigException;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.Membership;

/**
 * Test-only consensus module "instant": a single authority that commits every batch the moment the
 * mempool offers it. Enough to drive a real node core through the HTTP API without a network.
 * Registered in {@code instant-engine/META-INF/services}, outside the test class path's own {@code
 * META-INF}, so the runtime's other tests still see no consensus module (see {@link
 * TestNode#registry()}).
 */
public final class InstantProvider implements ConsensusProvider {
  public static final String BROKEN_STATUS = "brokenStatus";

  @Override
  public String name() {
    return "instant";
  }

  @Override
  public String description() {
    return "test-only: one authority commits each batch at once, sealed with its signature";
  }

  @Override
  public void validateConfig(JsonNode section, Membership membership) {
    section
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.equals(BROKEN_STATUS)) {
                throw new ConsensusConfigException("consensus.instant." + key, "unknown key");
              }
            });
    if (section.has(BROKEN_STATUS) && !section.get(BROKEN_STATUS).isBoolean()) {
      throw new ConsensusConfigException(
          "consensus.instant." + BROKEN_STATUS, "must be true/false");
    }
  }

  @Override
  public ConsensusEngine create(ConsensusContext context) {
    return new InstantEngine(context, context.config().path(BROKEN_STATUS).asBoolean(false));
  }
}

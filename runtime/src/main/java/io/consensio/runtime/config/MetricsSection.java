package io.consensio.runtime.config;

/** The {@code metrics} section: whether the node records and exposes its metrics (default on). */
public record MetricsSection(boolean enabled) {
  public static final MetricsSection DEFAULT = new MetricsSection(true);
}

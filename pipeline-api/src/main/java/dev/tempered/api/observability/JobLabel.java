package dev.tempered.api.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;

/**
 * Exports the {@code job} tag (a Tempered job id) as the label {@code job_id}. Prometheus reserves
 * {@code job} for the scrape job and would rename ours to {@code exported_job}; renaming in the
 * exporter gives every scraper (docker-compose, a ServiceMonitor, CI) the same label while the
 * meters themselves keep their {@code job} tag.
 */
public final class JobLabel implements NamingConvention {

  public static final String TAG = "job";
  public static final String LABEL = "job_id";

  private final NamingConvention delegate;

  public JobLabel(NamingConvention delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name(String name, Meter.Type type, String baseUnit) {
    return delegate.name(name, type, baseUnit);
  }

  @Override
  public String tagKey(String key) {
    return TAG.equals(key) ? LABEL : delegate.tagKey(key);
  }

  @Override
  public String tagValue(String value) {
    return delegate.tagValue(value);
  }
}

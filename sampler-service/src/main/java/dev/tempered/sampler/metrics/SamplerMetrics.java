package dev.tempered.sampler.metrics;

import dev.tempered.sampler.generation.GenerationListener;
import dev.tempered.sampler.policy.PolicyVersionListener;
import dev.tempered.sampler.worker.SamplerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sampler's meters. Generated tokens/s is {@code rate(tempered_sampler_generated_tokens_total)}
 * over time, or the last call's {@code tempered.sampler.tokens.per.second}; batch fill is the rows
 * per generate call.
 */
public final class SamplerMetrics
    implements GenerationListener, PolicyVersionListener, SamplerEvents {

  public static final String POLICY_VERSION = "tempered.sampler.policy.version";
  public static final String GENERATED_TOKENS = "tempered.sampler.generated.tokens";
  public static final String TOKENS_PER_SECOND = "tempered.sampler.tokens.per.second";
  public static final String BATCH_ROWS = "tempered.sampler.batch.rows";
  public static final String GENERATE_TIME = "tempered.sampler.generate";
  public static final String PENDING_INPUTS = "tempered.sampler.pending.inputs";
  public static final String DROPPED_INPUTS = "tempered.sampler.inputs.dropped";
  public static final String FAILED_INPUTS = "tempered.sampler.inputs.failed";

  private final MeterRegistry registry;
  private final Counter tokens;
  private final Timer generateTime;
  private final DistributionSummary batchRows;
  private final Counter failed;
  private final AtomicReference<Double> lastTokensPerSecond = new AtomicReference<>(0.0);
  private final AtomicInteger pending = new AtomicInteger();
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final Map<String, Gauge> versionGauges = new ConcurrentHashMap<>();

  public SamplerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.tokens =
        Counter.builder(GENERATED_TOKENS)
            .baseUnit("tokens")
            .description("tokens generated, stop tokens included")
            .register(registry);
    this.generateTime =
        Timer.builder(GENERATE_TIME)
            .description("wall time of one batched generate call")
            .register(registry);
    this.batchRows =
        DistributionSummary.builder(BATCH_ROWS)
            .baseUnit("rows")
            .description("rows (prompts x candidates) per generate call")
            .register(registry);
    this.failed =
        Counter.builder(FAILED_INPUTS)
            .description("parked inputs that could not be sampled")
            .register(registry);
    Gauge.builder(TOKENS_PER_SECOND, lastTokensPerSecond, AtomicReference::get)
        .description("generated tokens per second of the latest generate call")
        .register(registry);
    Gauge.builder(PENDING_INPUTS, pending, AtomicInteger::get)
        .description("inputs waiting for their job to run")
        .register(registry);
  }

  @Override
  public void onGenerate(int rows, long generated, long nanos) {
    tokens.increment(generated);
    generateTime.record(nanos, TimeUnit.NANOSECONDS);
    batchRows.record(rows);
    lastTokensPerSecond.set(tokensPerSecond(generated, nanos));
  }

  /** Throughput of one call; 0 for a call too fast to time. */
  static double tokensPerSecond(long generated, long nanos) {
    return nanos <= 0 ? 0.0 : generated * 1e9 / nanos;
  }

  @Override
  public void onVersion(String jobId, long version) {
    versions
        .computeIfAbsent(
            jobId,
            j -> {
              AtomicLong holder = new AtomicLong();
              versionGauges.put(
                  j,
                  Gauge.builder(POLICY_VERSION, holder, AtomicLong::get)
                      .tag("job", j)
                      .description("checkpoint version of the job's held policy")
                      .register(registry));
              return holder;
            })
        .set(version);
  }

  @Override
  public void onReleased(String jobId) {
    versions.remove(jobId);
    Gauge gauge = versionGauges.remove(jobId);
    if (gauge != null) {
      registry.remove(gauge);
    }
  }

  @Override
  public void inputDropped(String reason) {
    registry.counter(DROPPED_INPUTS, "reason", reason).increment();
  }

  @Override
  public void inputFailed() {
    failed.increment();
  }

  @Override
  public void pendingInputs(int count) {
    pending.set(count);
  }
}

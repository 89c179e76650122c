package dev.tempered.trainer.metrics;

import dev.tempered.api.message.CheckpointEvent;
import dev.tempered.api.message.Rollout;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.trainer.training.PpoDetails;
import dev.tempered.trainer.training.PreferenceDetails;
import dev.tempered.trainer.training.StepDetails;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Exports the latest step's training metrics per job as Micrometer gauges ({@code
 * tempered.trainer.*}, tag {@code job}), plus the step and the published policy version, and the
 * step details that travel on no topic (clip fractions low/high, importance weights, per data group
 * loss, reward, weight and the worst group), and a preference job's accuracy, margins and held-out
 * evaluation ({@code tempered.trainer.preference.*}), and a PPO job's value-function and
 * KL-controller metrics ({@link PpoMeters}).
 */
@Component
public class TrainingMeters {

  private static final Map<String, ToDoubleFunction<TrainingMetrics>> METRICS =
      Map.ofEntries(
          Map.entry("loss", TrainingMetrics::loss),
          Map.entry("policy.loss", TrainingMetrics::policyLoss),
          Map.entry("kl", TrainingMetrics::kl),
          Map.entry("entropy", TrainingMetrics::entropy),
          Map.entry("clip.fraction", TrainingMetrics::clipFraction),
          Map.entry("grad.norm", TrainingMetrics::gradNorm),
          Map.entry("reward.mean", TrainingMetrics::rewardMean),
          Map.entry("reward.std", TrainingMetrics::rewardStd),
          Map.entry("zero.std.groups", TrainingMetrics::fracZeroStdGroups),
          Map.entry("staleness", TrainingMetrics::meanStaleness),
          Map.entry("dropped.stale", m -> m.droppedStale()),
          Map.entry("tokens.per.second", TrainingMetrics::tokensPerSecond));

  private final MeterRegistry registry;
  private final Map<String, JobGauges> jobs = new ConcurrentHashMap<>();
  private final Map<String, StepDetailMeters> details = new ConcurrentHashMap<>();
  private final Map<String, PreferenceMeters> preferences = new ConcurrentHashMap<>();
  private final Map<String, PpoMeters> ppo = new ConcurrentHashMap<>();

  public TrainingMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(Rollout rollout) {
    JobGauges gauges = jobs.computeIfAbsent(rollout.jobId(), this::register);
    gauges.step.set((double) rollout.step());
    gauges.version.set((double) rollout.policyVersion());
    if (rollout.metrics() != null) {
      gauges.latest.set(rollout.metrics());
    }
  }

  public void record(CheckpointEvent checkpoint) {
    jobs.computeIfAbsent(checkpoint.jobId(), this::register)
        .version
        .set((double) checkpoint.version());
  }

  public void record(StepDetails step) {
    details.computeIfAbsent(step.jobId(), id -> new StepDetailMeters(registry, id)).record(step);
  }

  public void record(PreferenceDetails step) {
    preferences
        .computeIfAbsent(step.jobId(), id -> new PreferenceMeters(registry, id))
        .record(step);
  }

  public void record(PpoDetails step) {
    ppo.computeIfAbsent(step.jobId(), id -> new PpoMeters(registry, id)).record(step);
  }

  private JobGauges register(String jobId) {
    JobGauges g = new JobGauges();
    METRICS.forEach(
        (name, read) ->
            Gauge.builder(
                    "tempered.trainer." + name,
                    g.latest,
                    ref -> ref.get() == null ? Double.NaN : read.applyAsDouble(ref.get()))
                .tag("job", jobId)
                .register(registry));
    Gauge.builder("tempered.trainer.step", g.step, AtomicReference::get)
        .tag("job", jobId)
        .register(registry);
    Gauge.builder("tempered.trainer.policy.version", g.version, AtomicReference::get)
        .tag("job", jobId)
        .register(registry);
    return g;
  }

  private static final class JobGauges {
    final AtomicReference<TrainingMetrics> latest = new AtomicReference<>();
    final AtomicReference<Double> step = new AtomicReference<>(0.0);
    final AtomicReference<Double> version = new AtomicReference<>(0.0);
  }
}

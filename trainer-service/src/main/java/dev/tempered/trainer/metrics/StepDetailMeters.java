package dev.tempered.trainer.metrics;

import dev.tempered.trainer.algorithm.robust.GroupRobustLoss;
import dev.tempered.trainer.training.StepDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one job's {@link StepDetails}: clip fractions low and high, truncated importance
 * weights, iterations, the adversarial loss and how much the perturbation raised it (NaN without
 * adversarial training), zero-variance groups dropped (a counter), and per data group the loss,
 * mean reward, robust weight and whether it is the worst group (tag {@code group}).
 */
final class StepDetailMeters {

  private static final Map<String, ToDoubleFunction<StepDetails>> METRICS =
      Map.of(
          "clip.fraction.low", StepDetails::clipLowFraction,
          "clip.fraction.high", StepDetails::clipHighFraction,
          "importance.weight", StepDetails::importanceWeight,
          "importance.truncated.fraction", StepDetails::truncatedFraction,
          "iterations", StepDetails::iterations,
          "adversarial.loss", StepDetails::adversarialLoss,
          "adversarial.loss.increase", StepDetails::adversarialLossIncrease);

  private final MeterRegistry registry;
  private final String jobId;
  private final AtomicReference<StepDetails> latest = new AtomicReference<>();
  private final Counter droppedZeroVariance;
  private final Map<String, AtomicReference<GroupRobustLoss.GroupStats>> groups =
      new ConcurrentHashMap<>();

  StepDetailMeters(MeterRegistry registry, String jobId) {
    this.registry = registry;
    this.jobId = jobId;
    METRICS.forEach(
        (name, read) ->
            Gauge.builder(
                    "tempered.trainer." + name,
                    latest,
                    ref -> ref.get() == null ? Double.NaN : read.applyAsDouble(ref.get()))
                .tag("job", jobId)
                .register(registry));
    droppedZeroVariance =
        Counter.builder("tempered.trainer.zero.variance.dropped")
            .description("groups dropped by the zero-variance filter")
            .tag("job", jobId)
            .register(registry);
  }

  void record(StepDetails details) {
    latest.set(details);
    droppedZeroVariance.increment(details.droppedZeroVariance());
    details.groups().forEach((group, stats) -> groupRef(group).set(stats));
  }

  private AtomicReference<GroupRobustLoss.GroupStats> groupRef(String group) {
    return groups.computeIfAbsent(
        group,
        g -> {
          AtomicReference<GroupRobustLoss.GroupStats> ref = new AtomicReference<>();
          groupGauge("group.loss", g, ref, GroupRobustLoss.GroupStats::loss);
          groupGauge("group.reward", g, ref, GroupRobustLoss.GroupStats::reward);
          groupGauge("group.weight", g, ref, GroupRobustLoss.GroupStats::weight);
          Gauge.builder(
                  "tempered.trainer.group.worst",
                  latest,
                  d -> d.get() != null && g.equals(d.get().worstGroup()) ? 1 : 0)
              .tag("job", jobId)
              .tag("group", g)
              .register(registry);
          return ref;
        });
  }

  private void groupGauge(
      String name,
      String group,
      AtomicReference<GroupRobustLoss.GroupStats> ref,
      ToDoubleFunction<GroupRobustLoss.GroupStats> read) {
    Gauge.builder(
            "tempered.trainer." + name,
            ref,
            r -> r.get() == null ? Double.NaN : read.applyAsDouble(r.get()))
        .tag("job", jobId)
        .tag("group", group)
        .register(registry);
  }
}

package dev.tempered.trainer.metrics;

import dev.tempered.trainer.training.PreferenceDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The meters of one preference job ({@code dpo}, {@code reward-model}): the latest step's accuracy
 * and margin, the learner's extra metrics ({@code rewards/chosen} → {@code
 * tempered.trainer.preference.rewards.chosen}), the newest held-out accuracy and margin, and a
 * counter of tied groups that gave no pair.
 */
final class PreferenceMeters {

  private final MeterRegistry registry;
  private final String jobId;
  private final AtomicReference<Double> accuracy = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> margin = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> heldOutAccuracy = new AtomicReference<>(Double.NaN);
  private final AtomicReference<Double> heldOutMargin = new AtomicReference<>(Double.NaN);
  private final Map<String, AtomicReference<Double>> extra = new ConcurrentHashMap<>();
  private final Counter tiedPairs;

  PreferenceMeters(MeterRegistry registry, String jobId) {
    this.registry = registry;
    this.jobId = jobId;
    gauge("accuracy", accuracy);
    gauge("margin", margin);
    gauge("heldout.accuracy", heldOutAccuracy);
    gauge("heldout.margin", heldOutMargin);
    tiedPairs =
        Counter.builder("tempered.trainer.preference.tied.pairs")
            .description("groups whose candidates tied, so they gave no preference pair")
            .tag("job", jobId)
            .register(registry);
  }

  void record(PreferenceDetails d) {
    if (d.pairs() > 0) {
      accuracy.set(d.accuracy());
      margin.set(d.margin());
    }
    if (d.heldOut() != null) {
      heldOutAccuracy.set(d.heldOut().accuracy());
      heldOutMargin.set(d.heldOut().margin());
    }
    d.extra()
        .forEach(
            (name, value) ->
                extra
                    .computeIfAbsent(
                        name,
                        n -> {
                          AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
                          gauge(n.replace('/', '.'), ref);
                          return ref;
                        })
                    .set(value));
    tiedPairs.increment(d.tiedPairs());
  }

  private void gauge(String name, AtomicReference<Double> ref) {
    Gauge.builder("tempered.trainer.preference." + name, ref, AtomicReference::get)
        .tag("job", jobId)
        .register(registry);
  }
}

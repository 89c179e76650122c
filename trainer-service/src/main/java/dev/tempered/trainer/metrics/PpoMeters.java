package dev.tempered.trainer.metrics;

import dev.tempered.trainer.training.PpoDetails;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one PPO job's {@link PpoDetails} ({@code tempered.trainer.ppo.*}, tag {@code job}):
 * value loss, value clip fraction, KL coefficient before and after the controller, KL per sequence,
 * advantage mean and std before whitening, mean return, value gradient norm, updates.
 */
final class PpoMeters {

  private static final Map<String, ToDoubleFunction<PpoDetails>> METRICS =
      Map.ofEntries(
          Map.entry("value.loss", PpoDetails::valueLoss),
          Map.entry("value.clip.fraction", PpoDetails::valueClipFraction),
          Map.entry("kl.coef", PpoDetails::klCoefficient),
          Map.entry("kl.coef.next", PpoDetails::nextKlCoefficient),
          Map.entry("kl.per.sequence", PpoDetails::klPerSequence),
          Map.entry("advantage.mean", PpoDetails::advantageMean),
          Map.entry("advantage.std", PpoDetails::advantageStd),
          Map.entry("return.mean", PpoDetails::returnMean),
          Map.entry("value.grad.norm", PpoDetails::valueGradNorm),
          Map.entry("updates", PpoDetails::updates));

  private final AtomicReference<PpoDetails> latest = new AtomicReference<>();

  PpoMeters(MeterRegistry registry, String jobId) {
    METRICS.forEach(
        (name, read) ->
            Gauge.builder(
                    "tempered.trainer.ppo." + name,
                    latest,
                    ref -> ref.get() == null ? Double.NaN : read.applyAsDouble(ref.get()))
                .tag("job", jobId)
                .register(registry));
  }

  void record(PpoDetails details) {
    latest.set(details);
  }
}

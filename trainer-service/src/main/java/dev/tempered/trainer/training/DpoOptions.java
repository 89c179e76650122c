package dev.tempered.trainer.training;

import dev.tempered.api.job.DpoSpec;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.trainer.algorithm.dpo.DpoLossType;
import dev.tempered.trainer.algorithm.dpo.DpoSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code dpo} job's loss from {@code training.dpo}, every absent field at its default (β 0.1, the
 * sigmoid loss alone, no label smoothing, as TRL's {@code DPOConfig}).
 */
public final class DpoOptions {

  private DpoOptions() {}

  public static DpoSettings loss(TrainingSpec spec) {
    DpoSpec dpo = spec.dpoOrDefault();
    // Sorted by name, so the weighted sum is added up in one order whatever the JSON order was.
    List<DpoSettings.Term> terms =
        new TreeMap<>(dpo.lossesOrDefault())
            .entrySet().stream()
                .map(
                    (Map.Entry<String, Double> e) ->
                        new DpoSettings.Term(DpoLossType.fromWireName(e.getKey()), e.getValue()))
                .toList();
    return new DpoSettings(dpo.betaOrDefault(), dpo.labelSmoothingOrDefault(), terms);
  }
}

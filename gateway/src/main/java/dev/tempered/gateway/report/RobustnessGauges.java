package dev.tempered.gateway.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Exports {@code tempered.robustness.score{job, group, variant}}: the mean clean or noisy held-out
 * score of each data group under the job's newest completely evaluated policy version (partial
 * evaluations would make the curve jump), for the robustness dashboard.
 */
@Component
public class RobustnessGauges {

  static final String NAME = "tempered.robustness.score";

  private final MeterRegistry registry;
  private final ReportStore reports;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public RobustnessGauges(MeterRegistry registry, ReportStore reports) {
    this.registry = registry;
    this.reports = reports;
  }

  /** Makes sure the job's gauges for {@code group} exist; cheap after the first call. */
  public void track(String jobId, String group, int heldOutPrompts) {
    if (jobId == null || group == null || !registered.add(jobId + '\u0000' + group)) {
      return;
    }
    for (String variant : List.of("clean", "noisy")) {
      Gauge.builder(NAME, () -> mean(jobId, group, variant, heldOutPrompts))
          .description("Mean held-out score per data group of the newest complete policy version")
          .tag("job", jobId)
          .tag("group", group)
          .tag("variant", variant)
          .register(registry);
    }
  }

  private double mean(String jobId, String group, String variant, int heldOutPrompts) {
    List<EvaluationScore> scores = reports.scores(jobId);
    long newestComplete =
        scores.stream()
            .map(EvaluationScore::policyVersion)
            .distinct()
            .filter(v -> reports.scoredCount(jobId, v) >= heldOutPrompts)
            .mapToLong(Long::longValue)
            .max()
            .orElse(-1);
    return scores.stream()
        .filter(s -> !s.sweep() && s.policyVersion() == newestComplete && group.equals(s.group()))
        .mapToDouble(s -> "clean".equals(variant) ? s.cleanScore() : s.noisyScore())
        .average()
        .orElse(Double.NaN);
  }
}

package dev.tempered.gateway.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a {@link RobustnessReport} from held-out scores. Pure: no Spring, no Kafka, so every mean
 * and the bootstrap can be checked by hand.
 */
public final class RobustnessReportCalculator {

  /** The policy version scored before any training. */
  public static final long BASELINE_VERSION = 0;

  public static final double LEVEL = 0.95;
  public static final int RESAMPLES = 10_000;

  /** Fixed so that the same scores always give the same interval. */
  public static final long SEED = 20_240_607L;

  private RobustnessReportCalculator() {}

  /**
   * The report of one job.
   *
   * @param heldOutPrompts how many held-out prompts make a version's evaluation complete
   * @param scores at most one score per (policy version, prompt id); those of {@link
   *     EvaluationScore#sweep() sweep} copies count only in {@link VersionSummary#strengths()}
   */
  public static RobustnessReport compute(
      String jobId, int heldOutPrompts, Collection<EvaluationScore> scores) {
    Map<Long, List<EvaluationScore>> byVersion = byVersion(scores.stream().filter(s -> !s.sweep()));
    Map<Long, List<EvaluationScore>> allByVersion = byVersion(scores.stream());
    List<VersionSummary> versions = new ArrayList<>();
    // A version is listed once a prompt at the curriculum's strength is scored, so its headline
    // means always exist; its sweep copies then join its strengths.
    byVersion.forEach(
        (version, list) ->
            versions.add(
                summarise(
                    version,
                    list,
                    StrengthBreakdown.of(allByVersion.get(version), heldOutPrompts),
                    heldOutPrompts)));
    return new RobustnessReport(
        jobId, heldOutPrompts, List.copyOf(versions), compare(byVersion, versions).orElse(null));
  }

  private static Map<Long, List<EvaluationScore>> byVersion(Stream<EvaluationScore> scores) {
    return scores.collect(
        Collectors.groupingBy(EvaluationScore::policyVersion, TreeMap::new, Collectors.toList()));
  }

  private static VersionSummary summarise(
      long version,
      List<EvaluationScore> scores,
      List<StrengthSummary> strengths,
      int heldOutPrompts) {
    Map<String, List<EvaluationScore>> byGroup =
        scores.stream()
            .collect(
                Collectors.groupingBy(
                    s -> String.valueOf(s.group()), TreeMap::new, Collectors.toList()));
    List<GroupSummary> groups = summaries(byGroup);
    String worst =
        groups.stream()
            .min(Comparator.comparingDouble(GroupSummary::meanNoisy))
            .map(GroupSummary::group)
            .orElse(null);
    double clean = mean(scores, EvaluationScore::cleanScore);
    double noisy = mean(scores, EvaluationScore::noisyScore);
    return new VersionSummary(
        version,
        scores.size(),
        heldOutPrompts,
        scores.size() >= heldOutPrompts,
        clean,
        noisy,
        clean - noisy,
        worst,
        groups,
        families(scores),
        strengths);
  }

  /** Means per noise family; a prompt counts once in each of its families. */
  static List<GroupSummary> families(List<EvaluationScore> scores) {
    Map<String, List<EvaluationScore>> byFamily = new TreeMap<>();
    for (EvaluationScore s : scores) {
      if (s.families() != null) {
        for (String family : s.families()) {
          byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(s);
        }
      }
    }
    return summaries(byFamily);
  }

  static List<GroupSummary> summaries(Map<String, List<EvaluationScore>> byName) {
    List<GroupSummary> summaries = new ArrayList<>();
    byName.forEach(
        (name, list) -> {
          double clean = mean(list, EvaluationScore::cleanScore);
          double noisy = mean(list, EvaluationScore::noisyScore);
          summaries.add(new GroupSummary(name, list.size(), clean, noisy, clean - noisy));
        });
    return List.copyOf(summaries);
  }

  /** Baseline against the newest complete later version, paired by prompt id. */
  private static Optional<Comparison> compare(
      Map<Long, List<EvaluationScore>> byVersion, List<VersionSummary> versions) {
    List<EvaluationScore> baseline = byVersion.get(BASELINE_VERSION);
    Optional<VersionSummary> newest =
        versions.stream()
            .filter(v -> v.complete() && v.policyVersion() > BASELINE_VERSION)
            .max(Comparator.comparingLong(VersionSummary::policyVersion));
    if (baseline == null || newest.isEmpty()) {
      return Optional.empty();
    }
    VersionSummary after = newest.get();
    Map<String, Double> before =
        baseline.stream()
            .collect(
                Collectors.toMap(
                    EvaluationScore::promptId, EvaluationScore::noisyScore, (a, b) -> b));
    double[] differences =
        byVersion.get(after.policyVersion()).stream()
            .filter(s -> before.containsKey(s.promptId()))
            .mapToDouble(s -> s.noisyScore() - before.get(s.promptId()))
            .toArray();
    if (differences.length == 0) {
      return Optional.empty();
    }
    double meanDifference = 0;
    for (double d : differences) {
      meanDifference += d;
    }
    meanDifference /= differences.length;
    return Optional.of(
        new Comparison(
            BASELINE_VERSION,
            after.policyVersion(),
            mean(baseline, EvaluationScore::noisyScore),
            after.meanNoisy(),
            differences.length,
            meanDifference,
            BootstrapInterval.ofMean(differences, LEVEL, RESAMPLES, SEED)));
  }

  static double mean(List<EvaluationScore> scores, ToDoubleFunction<EvaluationScore> f) {
    double sum = 0;
    for (EvaluationScore s : scores) {
      sum += f.applyAsDouble(s);
    }
    return scores.isEmpty() ? Double.NaN : sum / scores.size();
  }
}

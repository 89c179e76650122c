package dev.tempered.api.job;

/**
 * How noise strength grows with training progress: from {@code startStrength} at step 0 to {@code
 * endStrength} at the last step along {@code schedule} ({@code constant}, {@code linear}, {@code
 * cosine}, {@code step}), or, for {@code adaptive}, from {@code startStrength} up towards {@code
 * endStrength} whenever the policy's noisy score comes close to its clean one.
 *
 * @param stages {@code step} only: how many equal stages the staircase has (null: 4)
 * @param tolerance {@code adaptive} only: the relative gap {@code (clean - noisy) / |clean|} at or
 *     below which strength is raised (null: 0.1)
 * @param increment {@code adaptive} only: how much strength is raised each time (null: 0.1)
 */
public record CurriculumSpec(
    String schedule,
    double startStrength,
    double endStrength,
    Integer stages,
    Double tolerance,
    Double increment) {

  public static final int DEFAULT_STAGES = 4;
  public static final double DEFAULT_TOLERANCE = 0.1;
  public static final double DEFAULT_INCREMENT = 0.1;

  /** A schedule with every optional setting at its default. */
  public CurriculumSpec(String schedule, double startStrength, double endStrength) {
    this(schedule, startStrength, endStrength, null, null, null);
  }

  public int stagesOrDefault() {
    return stages == null ? DEFAULT_STAGES : stages;
  }

  public double toleranceOrDefault() {
    return tolerance == null ? DEFAULT_TOLERANCE : tolerance;
  }

  public double incrementOrDefault() {
    return increment == null ? DEFAULT_INCREMENT : increment;
  }
}

package dev.tempered.noise.curriculum;

import dev.tempered.api.job.CurriculumSpec;

/**
 * Noise strength as a function of training progress p in [0, 1]: {@code constant} stays at {@code
 * startStrength}, {@code linear} moves straight to {@code endStrength}, {@code cosine} eases in and
 * out along half a cosine wave, {@code step} climbs a staircase of equal stages. {@code adaptive}
 * starts at {@code startStrength} and is raised by {@link AdaptiveRule}, not by progress.
 */
public final class Curriculum {

  /** The schedule's shape. */
  public enum Schedule {
    CONSTANT,
    LINEAR,
    COSINE,
    STEP,
    ADAPTIVE;

    static Schedule parse(String name) {
      if (name != null) {
        for (Schedule s : values()) {
          if (s.name().equalsIgnoreCase(name)) {
            return s;
          }
        }
      }
      throw new IllegalArgumentException(
          "noise.curriculum.schedule must be one of constant, linear, cosine, step, adaptive, was '"
              + name
              + "'");
    }
  }

  private final Schedule schedule;
  private final double start;
  private final double end;
  private final int stages;

  public Curriculum(Schedule schedule, double start, double end) {
    this(schedule, start, end, CurriculumSpec.DEFAULT_STAGES);
  }

  public Curriculum(Schedule schedule, double start, double end, int stages) {
    checkUnit(start, "startStrength");
    checkUnit(end, "endStrength");
    if (stages < 2) {
      throw new IllegalArgumentException("noise.curriculum.stages must be >= 2, was " + stages);
    }
    this.schedule = schedule;
    this.start = start;
    this.end = end;
    this.stages = stages;
  }

  /** The curriculum a job spec declares. */
  public static Curriculum of(CurriculumSpec spec) {
    return new Curriculum(
        Schedule.parse(spec.schedule()),
        spec.startStrength(),
        spec.endStrength(),
        spec.stagesOrDefault());
  }

  public Schedule schedule() {
    return schedule;
  }

  /** Progress after {@code trainerStep} of {@code steps} optimiser steps, clamped to [0, 1]. */
  public static double progress(long trainerStep, long steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("training.steps must be > 0, was " + steps);
    }
    return Math.min(1.0, Math.max(0.0, (double) trainerStep / steps));
  }

  /**
   * Strength at progress {@code p}; values outside [0, 1] are clamped. For {@code step} with n
   * stages, stage k = min(floor(p n), n - 1) has strength {@code start + (end - start) k / (n -
   * 1)}, so the first stage is at the start and the last at the end strength. {@code adaptive}
   * answers its start strength: its level lives in {@link AdaptiveRule}'s state.
   */
  public double strength(double p) {
    double t = Math.min(1.0, Math.max(0.0, p));
    return switch (schedule) {
      case CONSTANT, ADAPTIVE -> start;
      case LINEAR -> start + (end - start) * t;
      case COSINE -> start + (end - start) * (1 - Math.cos(Math.PI * t)) / 2;
      case STEP ->
          start + (end - start) * Math.min(Math.floor(t * stages), stages - 1) / (stages - 1);
    };
  }

  /**
   * Strength of held-out prompts: always the final level, so every checkpoint sees the same text.
   */
  public double evalStrength() {
    return end;
  }

  private static void checkUnit(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          "noise.curriculum." + name + " must be in [0, 1], was " + value);
    }
  }
}

package dev.tempered.noise.curriculum;

import dev.tempered.api.job.CurriculumSpec;

/**
 * Noise strength as a function of training progress p in [0, 1]: {@code constant} stays at {@code
 * startStrength}, {@code linear} moves straight to {@code endStrength}, {@code cosine} eases in and
 * out along half a cosine wave.
 */
public final class Curriculum {

  /** The schedule's shape. */
  public enum Schedule {
    CONSTANT,
    LINEAR,
    COSINE;

    static Schedule parse(String name) {
      if (name != null) {
        for (Schedule s : values()) {
          if (s.name().equalsIgnoreCase(name)) {
            return s;
          }
        }
      }
      throw new IllegalArgumentException(
          "noise.curriculum.schedule must be one of constant, linear, cosine, was '" + name + "'");
    }
  }

  private final Schedule schedule;
  private final double start;
  private final double end;

  public Curriculum(Schedule schedule, double start, double end) {
    checkUnit(start, "startStrength");
    checkUnit(end, "endStrength");
    this.schedule = schedule;
    this.start = start;
    this.end = end;
  }

  /** The curriculum a job spec declares. */
  public static Curriculum of(CurriculumSpec spec) {
    return new Curriculum(
        Schedule.parse(spec.schedule()), spec.startStrength(), spec.endStrength());
  }

  /** Progress after {@code trainerStep} of {@code steps} optimiser steps, clamped to [0, 1]. */
  public static double progress(long trainerStep, long steps) {
    if (steps <= 0) {
      throw new IllegalArgumentException("training.steps must be > 0, was " + steps);
    }
    return Math.min(1.0, Math.max(0.0, (double) trainerStep / steps));
  }

  /** Strength at progress {@code p}; values outside [0, 1] are clamped. */
  public double strength(double p) {
    double t = Math.min(1.0, Math.max(0.0, p));
    return switch (schedule) {
      case CONSTANT -> start;
      case LINEAR -> start + (end - start) * t;
      case COSINE -> start + (end - start) * (1 - Math.cos(Math.PI * t)) / 2;
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

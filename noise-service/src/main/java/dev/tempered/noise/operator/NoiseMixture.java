package dev.tempered.noise.operator;

import dev.tempered.api.job.NoiseOperatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** A job's weighted set of noise operators; each prompt draws one or more of them by weight. */
public final class NoiseMixture {

  /** One operator of the mixture with the data-group label its prompts carry. */
  public record Entry(NoiseOperator operator, double weight, String group) {}

  private final List<Entry> entries;
  private final double[] cumulative;

  private NoiseMixture(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    this.cumulative = new double[entries.size()];
    double sum = 0;
    for (int i = 0; i < entries.size(); i++) {
      sum += entries.get(i).weight();
      cumulative[i] = sum;
    }
  }

  /**
   * Builds the mixture of {@code specs}, creating each operator from its spec through {@code
   * operators}.
   *
   * @throws IllegalArgumentException when the list is empty or a weight is not a positive number
   */
  public static NoiseMixture of(
      List<NoiseOperatorSpec> specs, Function<NoiseOperatorSpec, NoiseOperator> operators) {
    if (specs == null || specs.isEmpty()) {
      throw new IllegalArgumentException("noise.operators must list at least one operator");
    }
    List<Entry> entries = new ArrayList<>();
    for (NoiseOperatorSpec spec : specs) {
      if (!(spec.weight() > 0) || !Double.isFinite(spec.weight())) {
        throw new IllegalArgumentException(
            "noise operator '" + spec.kind() + "' needs a weight > 0, was " + spec.weight());
      }
      entries.add(new Entry(operators.apply(spec), spec.weight(), spec.group()));
    }
    return new NoiseMixture(entries);
  }

  /** The entry chosen with probability proportional to its weight. */
  public Entry choose(RandomGenerator random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return entries.get(i);
      }
    }
    // Only reachable through rounding at the top end of the last interval.
    return entries.get(entries.size() - 1);
  }

  /**
   * {@code count} different entries drawn by weight without replacement, in the order the mixture
   * lists them; a count of 1 makes exactly the draw {@link #choose} makes.
   */
  public List<Entry> choose(int count, RandomGenerator random) {
    if (count < 1 || count > entries.size()) {
      throw new IllegalArgumentException(
          "noise.operatorsPerPrompt must be between 1 and " + entries.size() + ", was " + count);
    }
    if (count == 1) {
      return List.of(choose(random));
    }
    boolean[] taken = new boolean[entries.size()];
    for (int k = 0; k < count; k++) {
      taken[drawAmongRemaining(taken, random)] = true;
    }
    List<Entry> chosen = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (taken[i]) {
        chosen.add(entries.get(i));
      }
    }
    return chosen;
  }

  private int drawAmongRemaining(boolean[] taken, RandomGenerator random) {
    double total = 0;
    for (int i = 0; i < entries.size(); i++) {
      total += taken[i] ? 0 : entries.get(i).weight();
    }
    double u = random.nextDouble() * total;
    int last = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (taken[i]) {
        continue;
      }
      last = i;
      u -= entries.get(i).weight();
      if (u < 0) {
        return i;
      }
    }
    // Only reachable through rounding at the top end of the last interval.
    return last;
  }

  public List<Entry> entries() {
    return entries;
  }
}

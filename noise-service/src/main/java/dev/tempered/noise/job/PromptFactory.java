package dev.tempered.noise.job;

import dev.tempered.api.job.JobSpec;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.NoiseOp;
import dev.tempered.api.message.NoisyInput;
import dev.tempered.api.message.Split;
import dev.tempered.noise.curriculum.AdaptiveRule;
import dev.tempered.noise.curriculum.Curriculum;
import dev.tempered.noise.curriculum.EvaluationHistory;
import dev.tempered.noise.dataset.Example;
import dev.tempered.noise.dataset.PromptSet;
import dev.tempered.noise.operator.NoiseMixture;
import dev.tempered.noise.operator.NoisyText;
import dev.tempered.noise.operator.PromptRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the noisy prompts of one job. A prompt depends only on the job, its split and its sequence
 * (and, for TRAIN, the curriculum level), so a prompt is the same whenever it is built at the same
 * level.
 */
public final class PromptFactory {

  private final String jobId;
  private final JobSpec spec;
  private final PromptSet prompts;
  private final NoiseMixture mixture;
  private final Curriculum curriculum;
  private final AdaptiveRule adaptive;
  private final List<Double> sweep;

  public PromptFactory(
      String jobId, JobSpec spec, PromptSet prompts, NoiseMixture mixture, Curriculum curriculum) {
    this.jobId = jobId;
    this.spec = spec;
    this.prompts = prompts;
    this.mixture = mixture;
    this.curriculum = curriculum;
    this.adaptive =
        curriculum.schedule() == Curriculum.Schedule.ADAPTIVE
            ? AdaptiveRule.of(spec.noise().curriculum())
            : null;
    this.sweep = spec.noise().sweepStrengths();
  }

  /** The held-out prompts: how many make one policy version's curriculum evaluation. */
  public int evalSize() {
    return prompts.evalSize();
  }

  /**
   * The EVAL records to publish: every held-out prompt at the curriculum's strength, then again at
   * each of the job's {@link dev.tempered.api.job.NoiseSpec#sweepStrengths()}.
   */
  public int evalCount() {
    return prompts.evalSize() * (1 + sweep.size());
  }

  /**
   * The {@code n}-th EVAL record: for {@code n < evalSize()} held-out prompt n at the curriculum's
   * final strength, as always; after that, held-out prompt {@code n % evalSize()} at sweep strength
   * {@code n / evalSize() - 1}, built from the same seed so only the strength differs.
   */
  public NoisyInput eval(int n) {
    int size = prompts.evalSize();
    if (n < size) {
      return build(Split.EVAL, n, prompts.eval(n), curriculum.evalStrength());
    }
    int index = n % size;
    double strength = sweep.get(n / size - 1);
    NoisyInput input = build(Split.EVAL, index, prompts.eval(index), strength);
    return new NoisyInput(
        input.envelope(),
        jobId,
        sweepPromptId(jobId, index, strength),
        Split.EVAL,
        index,
        input.group(),
        input.cleanText(),
        input.noisyText(),
        input.ops(),
        input.reference(),
        strength,
        true);
  }

  /** The {@code n}-th training prompt at the strength for the trainer's latest step. */
  public NoisyInput train(long n, long trainerStep) {
    return train(n, trainerStep, new EvaluationHistory());
  }

  /**
   * The {@code n}-th training prompt at the curriculum's strength: by the trainer's latest step for
   * a schedule, by the evaluated checkpoints in {@code evaluations} for the adaptive curriculum.
   */
  public NoisyInput train(long n, long trainerStep, EvaluationHistory evaluations) {
    double level =
        curriculum.schedule() == Curriculum.Schedule.ADAPTIVE
            ? adaptive.level(evaluations.complete(prompts.evalSize()))
            : curriculum.strength(Curriculum.progress(trainerStep, spec.training().steps()));
    return build(Split.TRAIN, n, prompts.train(n), level);
  }

  /** The prompt id other services key on: {@code <jobId>-eval-<n>} or {@code <jobId>-train-<n>}. */
  public static String promptId(String jobId, Split split, long n) {
    return jobId + "-" + (split == Split.EVAL ? "eval" : "train") + "-" + n;
  }

  /**
   * The id of held-out prompt {@code n} at a sweep strength: {@code
   * <jobId>-eval-<n>-at-<strength>}, so each (prompt, strength) is evaluated and reported on its
   * own.
   */
  public static String sweepPromptId(String jobId, long n, double strength) {
    return promptId(jobId, Split.EVAL, n) + "-at-" + strength;
  }

  private NoisyInput build(Split split, long n, Example example, double strength) {
    SplittableRandom random = PromptRandom.forPrompt(spec.seed(), split, n);
    List<NoiseMixture.Entry> chosen =
        mixture.choose(spec.noise().operatorsPerPromptOrDefault(), random);
    // Each operator noises the previous one's output, so the ops, in order, replay from the clean
    // text; the group names every operator applied.
    String text = example.prompt();
    List<NoiseOp> ops = new ArrayList<>();
    Set<String> groups = new LinkedHashSet<>();
    for (NoiseMixture.Entry entry : chosen) {
      NoisyText noisy = entry.operator().apply(text, example.reference(), strength, random);
      text = noisy.text();
      ops.addAll(noisy.ops());
      groups.add(entry.group());
    }
    return new NoisyInput(
        Envelope.create(),
        jobId,
        promptId(jobId, split, n),
        split,
        n,
        String.join("+", groups),
        example.prompt(),
        text,
        ops,
        example.reference(),
        strength);
  }
}

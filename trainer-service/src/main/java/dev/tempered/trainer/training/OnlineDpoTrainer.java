package dev.tempered.trainer.training;

import ai.djl.Device;
import dev.tempered.api.job.TrainingSpec;
import dev.tempered.api.message.PreferencePair;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.api.message.TrainingMetrics;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.trainer.algorithm.robust.GroupWeights;
import dev.tempered.trainer.preference.DpoPolicyTrainer;
import dev.tempered.trainer.preference.PairLearner;
import dev.tempered.trainer.preference.PairTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Online DPO: trains on the preference pairs the reward service puts on each scored group (T_k
 * against the lowest-scored candidate), with the frozen base model as reference and the logits
 * divided by the groups' sampling temperature. A group whose candidates tied has no pair and adds
 * nothing (counted as {@code tiedPairs}); a pair with an empty completion is left out too. The
 * rollout's metrics: loss and policy loss = the DPO loss, reward mean = the mean implicit reward
 * margin, zero-std groups = the fraction of groups without a pair, staleness = mean (trainer
 * version − behaviour version) over pairs, tokens/s over both completions; KL, entropy, clip
 * fraction and reward std do not apply and are 0. With {@code training.groupRobust} each pair's
 * loss is weighted by its group's data group weight (Group Robust Preference Optimization), and the
 * per-group loss, margin and weight and the worst group go out as {@link StepDetails}.
 */
final class OnlineDpoTrainer implements GroupTrainer {

  private final TrainingSpec spec;
  private final DpoPolicyTrainer trainer;
  private final GroupWeights groupWeights;
  private long step;
  private long version;

  /**
   * @param dataGroups the data groups the job declares (its noise operators' groups), where
   *     group-robust weights start uniform; groups seen later join with an equal share
   */
  OnlineDpoTrainer(TrainingSpec spec, LlamaWeights base, Device device, List<String> dataGroups) {
    this.spec = spec;
    this.groupWeights =
        spec.groupRobust() == null ? null : new GroupWeights(spec.groupRobust().eta(), dataGroups);
    this.trainer =
        new DpoPolicyTrainer(
            base,
            device,
            new DpoPolicyTrainer.Settings(
                DpoOptions.loss(spec),
                spec.learningRate(),
                spec.weightDecay(),
                spec.maxGradNorm()));
  }

  /** The pairs of a step's groups as token ids, and what the groups without one counted. */
  private record Pairs(
      List<PairTokens> tokens,
      List<String> dataGroups,
      double staleness,
      int groupsWithout,
      long tied) {}

  @Override
  public StepResult train(List<ScoredGroup> groups, long droppedStale) {
    Pairs pairs = pairs(groups);
    if (pairs.tokens().isEmpty()) {
      // no step, but the tied groups still count
      return new StepResult(
          false,
          true,
          null,
          null,
          new PreferenceDetails(null, step, 0, 0, 0, Map.of(), pairs.tied(), null));
    }
    long started = System.nanoTime();
    DpoPolicyTrainer.GroupedStep grouped =
        trainer.step(pairs.tokens(), groups.get(0).temperature(), pairs.dataGroups(), groupWeights);
    PairLearner.PairStep s = grouped.step();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (s.applied()) {
      step++;
    }
    TrainingMetrics metrics =
        new TrainingMetrics(
            s.loss(),
            s.loss(),
            0,
            0,
            0,
            s.gradNorm(),
            s.margin(),
            0,
            (double) pairs.groupsWithout() / groups.size(),
            pairs.staleness(),
            droppedStale,
            s.tokens() / seconds);
    PreferenceDetails preference =
        new PreferenceDetails(
            null,
            step,
            pairs.tokens().size(),
            s.accuracy(),
            s.margin(),
            s.extra(),
            pairs.tied(),
            null);
    return new StepResult(s.applied(), false, metrics, details(grouped), preference);
  }

  /** The group-robust stats of a step as {@link StepDetails}; null when that weighting is off. */
  private StepDetails details(DpoPolicyTrainer.GroupedStep grouped) {
    if (groupWeights == null) {
      return null;
    }
    // clipping and importance weights do not apply to DPO
    return new StepDetails(
        null,
        step,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0,
        grouped.step().applied() ? 1 : 0,
        grouped.groups(),
        grouped.worstGroup());
  }

  private Pairs pairs(List<ScoredGroup> groups) {
    List<PairTokens> tokens = new ArrayList<>();
    List<String> dataGroups = new ArrayList<>();
    double staleness = 0;
    int without = 0;
    long tied = 0;
    for (ScoredGroup g : groups) {
      tied += g.tiedPairs() == null ? 0 : g.tiedPairs();
      int before = tokens.size();
      int[] prompt = g.promptTokenIds().stream().mapToInt(Integer::intValue).toArray();
      for (PreferencePair p : g.pairs() == null ? List.<PreferencePair>of() : g.pairs()) {
        int[] chosen = ids(g.candidates().get(p.chosenIndex()));
        int[] rejected = ids(g.candidates().get(p.rejectedIndex()));
        if (chosen.length > 0 && rejected.length > 0) {
          tokens.add(new PairTokens(prompt, chosen, rejected));
          dataGroups.add(g.group());
          staleness += version - g.policyVersion();
        }
      }
      if (tokens.size() == before) {
        without++;
      }
    }
    return new Pairs(
        tokens, dataGroups, tokens.isEmpty() ? 0 : staleness / tokens.size(), without, tied);
  }

  private static int[] ids(ScoredCandidate c) {
    return c.tokenIds().stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public boolean finished() {
    return step >= spec.steps();
  }

  @Override
  public boolean checkpointDue() {
    return step > 0 && (step % spec.checkpointEvery() == 0 || finished());
  }

  @Override
  public LlamaWeights nextCheckpoint() {
    version++;
    return trainer.weights();
  }

  @Override
  public void resume(TrainerResume.ResumePoint point) {
    trainer.restore(point.weights(), point.optimizer());
    step = point.state().step();
    version = point.state().version();
  }

  @Override
  public AdamW.State optimizerState() {
    return trainer.optimizerState();
  }

  @Override
  public void close() {
    trainer.close();
  }
}

package dev.tempered.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tempered.api.message.Envelope;
import dev.tempered.api.message.ScoredCandidate;
import dev.tempered.api.message.ScoredGroup;
import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A seeded random Llama small enough for CPU unit tests, and scored groups for it. */
final class TinyPolicy {

  static final LlamaConfig CONFIG =
      new LlamaConfig(
          16,
          32,
          1,
          2,
          2,
          32,
          32,
          true,
          LlamaConfig.DEFAULT_ROPE_THETA,
          LlamaConfig.DEFAULT_NORM_EPS);
  static final List<Integer> PROMPT = List.of(1, 5, 9);

  private TinyPolicy() {}

  static LlamaWeights weights(long seed) {
    Random random = new Random(seed);
    Map<String, float[]> tensors = new LinkedHashMap<>();
    LlamaWeights.names(CONFIG)
        .forEach(
            (name, shape) -> {
              long size = 1;
              for (long d : shape) {
                size *= d;
              }
              float[] values = new float[Math.toIntExact(size)];
              for (int i = 0; i < values.length; i++) {
                values[i] = shape.length == 1 ? 1f : (float) (random.nextGaussian() * 0.2);
              }
              tensors.put(name, values);
            });
    return new LlamaWeights(CONFIG, tensors);
  }

  /** The policy's own log-probs of {@code completion} after {@link #PROMPT}, shifted. */
  static List<Float> logprobs(LlamaModel model, List<Integer> completion, double shift) {
    NDManager manager = model.parameters().get("norm").getManager();
    try (NDManager sub = manager.newSubManager()) {
      TokenBatch batch = TokenBatch.of(sub, List.of(ints(PROMPT)), List.of(ints(completion)));
      float[] lp =
          TeacherForcing.completionLogprobs(model, batch, 1f, false).logprobs().toFloatArray();
      List<Float> out = new ArrayList<>();
      for (float v : lp) {
        out.add((float) (v + shift));
      }
      return out;
    }
  }

  /**
   * A group of two candidates, completions [4, 7, 2] and [6, 3] with these rewards and advantages,
   * behaviour log-probs = the model's own + shift.
   */
  static ScoredGroup group(
      LlamaModel model,
      String dataGroup,
      double[] rewards,
      double[] advantages,
      String firstFinish,
      double shift) {
    List<List<Integer>> completions = List.of(List.of(4, 7, 2), List.of(6, 3));
    List<ScoredCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      candidates.add(
          new ScoredCandidate(
              "c" + i,
              completions.get(i),
              logprobs(model, completions.get(i), shift),
              i == 0 ? firstFinish : "stop",
              Map.of(),
              rewards[i],
              advantages[i]));
    }
    double mean = (rewards[0] + rewards[1]) / 2;
    double std = Math.abs(rewards[0] - rewards[1]) / Math.sqrt(2);
    return new ScoredGroup(
        Envelope.create(),
        "job",
        "p-" + dataGroup,
        dataGroup,
        0,
        1f,
        0,
        PROMPT,
        candidates,
        0,
        mean,
        std);
  }

  static LlamaModel model(long seed) {
    LlamaModel model = LlamaModel.create(weights(seed), Device.cpu());
    model.parameters().values().forEach(p -> p.setRequiresGradient(true));
    return model;
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}

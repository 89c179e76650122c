package dev.tempered.model.reward;

import dev.tempered.model.llama.LlamaConfig;
import dev.tempered.model.llama.LlamaWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Host-side weights of a reward model: the Llama trunk and the scalar head {@code score} [1, dim]
 * (no bias, as HF's {@code LlamaForSequenceClassification}). The trunk's config always has a tied
 * classifier: the language-model head is never used, so no {@code output} tensor is kept.
 */
public record RewardModelWeights(LlamaWeights trunk, float[] score) {

  /**
   * HF's {@code initializer_range}: the head starts as N(0, 0.02), as transformers initialises it.
   */
  public static final double HEAD_INIT_STD = 0.02;

  public RewardModelWeights {
    if (!trunk.config().sharedClassifier()) {
      throw new IllegalArgumentException(
          "a reward model trunk keeps no language-model head; use RewardModelWeights.initial");
    }
    if (score.length != trunk.config().dim()) {
      throw new IllegalArgumentException(
          "score head has " + score.length + " values, the trunk's dim is " + trunk.config().dim());
    }
  }

  /** A fresh reward model on the base model {@code base}, the head drawn from {@code seed}. */
  public static RewardModelWeights initial(LlamaWeights base, long seed) {
    LlamaConfig c = base.config();
    LlamaConfig tied =
        new LlamaConfig(
            c.dim(),
            c.hiddenDim(),
            c.layers(),
            c.heads(),
            c.kvHeads(),
            c.vocabSize(),
            c.seqLen(),
            true,
            c.ropeTheta(),
            c.normEps());
    Map<String, float[]> tensors = new LinkedHashMap<>(base.tensors());
    tensors.remove("output");
    Random random = new Random(seed);
    float[] score = new float[c.dim()];
    for (int i = 0; i < score.length; i++) {
      score[i] = (float) (random.nextGaussian() * HEAD_INIT_STD);
    }
    return new RewardModelWeights(new LlamaWeights(tied, tensors), score);
  }
}

package dev.tempered.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO's value function in one of two layouts. {@code head}: a value head on the policy trunk (TRL's
 * {@code AutoModelForCausalLMWithValueHead}); the value loss also trains the trunk, and the head
 * joins the policy's AdamW and its gradient-norm clip. {@code separate}: a copy of the base model
 * with its own head, its own AdamW and its own clip at the same max norm (OpenRLHF's critic).
 */
final class PpoCritic implements AutoCloseable {

  /** Seed of the value head's initial weights, so a job's run is reproducible. */
  static final long HEAD_SEED = 1234;

  private final ValueHead head;
  private final LlamaModel trunk;
  private final AdamW optimizer;

  private PpoCritic(ValueHead head, LlamaModel trunk, AdamW optimizer) {
    this.head = head;
    this.trunk = trunk;
    this.optimizer = optimizer;
  }

  static PpoCritic create(boolean separate, LlamaWeights base, Device device) {
    ValueHead head = new ValueHead(base.config().dim(), device, HEAD_SEED);
    if (!separate) {
      return new PpoCritic(head, null, null);
    }
    LlamaModel trunk = LlamaModel.create(base, device);
    trunk.parameters().values().forEach(p -> p.setRequiresGradient(true));
    Map<String, NDArray> params = new LinkedHashMap<>(trunk.parameters());
    params.putAll(head.parameters());
    return new PpoCritic(head, trunk, AdamW.withDefaults(params));
  }

  /** What the policy's optimiser updates: the policy, plus the head when it sits on the policy. */
  Map<String, NDArray> withPolicy(Map<String, NDArray> policy) {
    Map<String, NDArray> params = new LinkedHashMap<>(policy);
    if (trunk == null) {
      params.putAll(head.parameters());
    }
    return params;
  }

  /** The value head's parameters, wherever they are optimised. */
  Map<String, NDArray> headParameters() {
    return head.parameters();
  }

  boolean separate() {
    return trunk != null;
  }

  /**
   * Values [B, C] of the states in which each completion token is chosen.
   *
   * @param policyHidden the policy pass's hidden states, read when the head sits on the policy
   */
  NDArray values(TokenBatch batch, NDArray policyHidden) {
    if (trunk == null) {
      return head.values(policyHidden);
    }
    return head.values(
        TeacherForcing.completionLogprobsWithHidden(trunk, batch, 1f, false).hidden());
  }

  /** Separate model only: clips its gradients, returns their norm before clipping. */
  double clipGradientNorm(double maxNorm) {
    return optimizer.clipGradientNorm(maxNorm);
  }

  /** Separate model only: one AdamW update of the value model. */
  void step(double learningRate, double weightDecay) {
    optimizer.step(learningRate, weightDecay);
  }

  /** Separate model only: drops the gradients of a skipped update. */
  void zeroGradients() {
    optimizer.zeroGradients();
  }

  @Override
  public void close() {
    if (optimizer != null) {
      optimizer.close();
    }
    if (trunk != null) {
      trunk.close();
    }
    head.close();
  }
}

package dev.tempered.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.tempered.api.config.SharedResources;
import dev.tempered.model.io.ModelFiles;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.llama.LlamaWeights;
import dev.tempered.model.llama.Scalars;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.model.training.AdamW;
import dev.tempered.model.training.TeacherForcing;
import dev.tempered.model.training.TokenBatch;
import dev.tempered.trainer.algorithm.adversarial.AdversarialSettings;
import dev.tempered.trainer.algorithm.adversarial.AdversarialSettings.Norm;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * On stories260K, the FGSM and PGD perturbations of the prompt embeddings raise the negative
 * log-likelihood of a continuation the model finds likely, stay in their ε-ball, touch only the
 * prompt after BOS, and leave no gradient on the parameters.
 */
class EmbeddingAttackTest {

  private static final String PROMPT = "Once upon a time, there was a little girl named Lily.";
  private static final String COMPLETION = " She liked to play outside in the sun.";

  @Test
  void fgsmAndPgdRaiseTheLossOfTheContinuation() throws Exception {
    assumeTrue(SharedResources.find().isPresent(), "../shared not found: attack test skipped");
    ModelFiles files =
        ModelFiles.locate(SharedResources.require().resolve("models"), "stories260K");
    LlamaWeights weights = files.readWeights();
    Llama2cTokenizer tokenizer = files.readTokenizer(weights.config().vocabSize());
    try (LlamaModel model = LlamaModel.create(weights, Device.cpu())) {
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));
      AdamW optimizer = AdamW.withDefaults(model.parameters());
      try (NDManager scope = model.parameters().get("norm").getManager().newSubManager()) {
        int[] prompt = tokenizer.encode(PROMPT, true, false);
        int[] completion = tokenizer.encode(COMPLETION, false, false);
        TokenBatch batch = TokenBatch.of(scope, List.of(prompt), List.of(completion));
        UnaryOperator<NDArray> nll =
            d ->
                TeacherForcing.completionLogprobs(model, batch, 1f, false, d)
                    .logprobs()
                    .sum()
                    .neg()
                    .mul(Scalars.owned(scope, 1.0 / completion.length));
        double clean = nll.apply(null).getFloat();
        double eps = 0.05;
        int dim = weights.config().dim();
        NDArray fgsm =
            new EmbeddingAttack(new AdversarialSettings(eps, 1, eps, Norm.LINF), dim)
                .perturbation(batch, nll, optimizer);
        NDArray pgd =
            new EmbeddingAttack(new AdversarialSettings(eps, 5, eps / 2, Norm.LINF), dim)
                .perturbation(batch, nll, optimizer);
        double fgsmLoss = nll.apply(fgsm).getFloat();
        double pgdLoss = nll.apply(pgd).getFloat();
        System.out.printf(
            "stories260K NLL per token: clean %.4f, FGSM eps=%.2f %.4f, PGD 5 steps %.4f%n",
            clean, eps, fgsmLoss, pgdLoss);

        assertThat(fgsmLoss).isGreaterThan(clean);
        assertThat(pgdLoss).isGreaterThan(clean);
        for (NDArray delta : List.of(fgsm, pgd)) {
          assertThat(delta.abs().max().getFloat()).isLessThanOrEqualTo((float) eps + 1e-7f);
          // BOS (position 0) and the completion stay unperturbed; FGSM moves every other
          // prompt coordinate by exactly ε
          assertThat(delta.get(new NDIndex("0, 0, :")).abs().sum().getFloat()).isZero();
          assertThat(delta.get(new NDIndex("0, {}:, :", prompt.length)).abs().sum().getFloat())
              .isZero();
        }
        assertThat(fgsm.get(new NDIndex("0, 1:{}, :", prompt.length)).abs().min().getFloat())
            .isEqualTo((float) eps);
        for (NDArray p : model.parameters().values()) {
          assertThat(p.getGradient().abs().sum().getFloat()).as(p.getName()).isZero();
        }
      }
      optimizer.close();
    }
  }
}

package dev.tempered.noise.operator;

import dev.tempered.model.adversarial.HotFlip;
import dev.tempered.model.llama.LlamaModel;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code hotflip}: gradient-guided token substitution against the job's current policy ({@link
 * HotFlip}), raising the loss of the example's reference continuation. Only word-initial tokens are
 * flipped, each to another word-initial piece, so word boundaries stay; the edit budget is {@code
 * round(strength * flippable tokens)}, at least one when the strength is positive. The attack is
 * deterministic: the seed does not change it.
 */
public final class HotFlipOperator implements NoiseOperator {

  public static final String KIND = "hotflip";

  private static final int FIRST_LEARNED_PIECE = 259;

  private final Llama2cTokenizer tokenizer;
  private final Policies policies;
  private final String jobId;
  private final String model;
  private final int[] candidates;
  // The attack for the policy version it was built at: HotFlip copies the embedding table.
  private HotFlip hotFlip;
  private LlamaModel hotFlipModel;
  private long hotFlipVersion = -1;

  /**
   * @param jobId whose current policy is attacked; null for the base model {@code model} itself
   */
  HotFlipOperator(Llama2cTokenizer tokenizer, Policies policies, String jobId, String model) {
    this.tokenizer = tokenizer;
    this.policies = policies;
    this.jobId = jobId;
    this.model = model;
    this.candidates = wordStartPieces(tokenizer);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Refused: the attack needs the reference continuation whose loss it raises. */
  @Override
  public NoisyText apply(String text, double strength, RandomGenerator random) {
    return apply(text, null, strength, random);
  }

  @Override
  public NoisyText apply(String text, String reference, double strength, RandomGenerator random) {
    NoiseOperator.checkStrength(strength);
    if (strength == 0) {
      return new NoisyText(text, List.of());
    }
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException(
          "noise operator 'hotflip' needs the example's reference continuation, which is empty");
    }
    int[] tokens = tokenizer.encode(text, false, false);
    int[] prompt = new int[tokens.length + 1];
    prompt[0] = Llama2cTokenizer.BOS;
    System.arraycopy(tokens, 0, prompt, 1, tokens.length);
    // The flippable units by prompt position (BOS first); null marks a frozen position.
    TokenUnits.Unit[] byPosition = new TokenUnits.Unit[prompt.length];
    boolean[] frozen = new boolean[prompt.length];
    int flippable = 0;
    for (TokenUnits.Unit unit : TokenUnits.of(tokenizer, text)) {
      if (unit.tokenCount() == 1 && unit.startsWord() && !unit.piece().isBlank()) {
        byPosition[unit.firstToken() + 1] = unit;
        flippable++;
      }
    }
    for (int i = 0; i < prompt.length; i++) {
      frozen[i] = byPosition[i] == null;
    }
    TextEditor editor = new TextEditor(KIND, text);
    if (flippable == 0) {
      return editor.result();
    }
    int budget = Math.max(1, (int) Math.round(strength * flippable));
    // The dummy prefix gives the space that separates the continuation from the prompt.
    int[] continuation = tokenizer.encode(reference.strip(), false, false);
    HotFlip.Result result =
        policies.withPolicy(
            jobId,
            model,
            (policy, version) ->
                attack(policy, version).attack(prompt, continuation, budget, frozen));
    // The editor takes spans left to right; the attack chose them in order of gain.
    for (int position :
        result.positions().stream().mapToInt(Integer::intValue).sorted().toArray()) {
      TokenUnits.Unit unit = byPosition[position];
      editor.replace(
          unit.start(), unit.end(), unit.replacement(tokenizer.piece(result.tokens()[position])));
    }
    return editor.result();
  }

  private HotFlip attack(LlamaModel policy, long version) {
    if (policy != hotFlipModel || version != hotFlipVersion) {
      hotFlip = new HotFlip(policy, candidates);
      hotFlipModel = policy;
      hotFlipVersion = version;
    }
    return hotFlip;
  }

  private static int[] wordStartPieces(Llama2cTokenizer tokenizer) {
    List<Integer> ids = new ArrayList<>();
    for (int id = FIRST_LEARNED_PIECE; id < tokenizer.vocabSize(); id++) {
      String piece = tokenizer.piece(id);
      if (piece.startsWith(" ") && !piece.isBlank()) {
        ids.add(id);
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }
}

package dev.tempered.noise.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tempered.api.message.NoiseOp;
import dev.tempered.model.adversarial.HotFlip;
import dev.tempered.model.tokenizer.Llama2cTokenizer;
import dev.tempered.noise.dataset.DatasetReader;
import dev.tempered.noise.dataset.Example;
import dev.tempered.noise.policy.CurrentPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hotflip} on stories260K: the budget the strength sets, word-initial flips only, and noisy
 * texts that raise the policy's loss of the reference more than random word-initial substitutions
 * with the same number of edits.
 */
class HotFlipOperatorTest {

  private static final CurrentPolicies POLICIES = new CurrentPolicies(Tok512::models);
  private static final int EXAMPLES = 8;
  private static final int RANDOM_DRAWS = 5;
  private static final double STRENGTH = 0.2;

  @AfterAll
  static void freeTheModels() {
    POLICIES.close();
  }

  private static HotFlipOperator operator() {
    return new HotFlipOperator(Tok512.get(), POLICIES, null, Tok512.MODEL);
  }

  @Test
  void flipsRoundStrengthTimesTheWordInitialTokensEachToAnotherWord() {
    String text = OperatorContractTest.TEXT;
    List<TokenUnits.Unit> flippable = wordInitial(Tok512.get(), text);
    NoisyText out =
        operator().apply(text, OperatorContractTest.REFERENCE, 0.25, new SplittableRandom(1));
    assertThat(out.ops()).hasSize((int) Math.round(0.25 * flippable.size()));
    for (NoiseOp op : out.ops()) {
      assertThat(op.kind()).isEqualTo("hotflip");
      assertThat(op.start() == 0 || op.before().startsWith(" ")).as(op.toString()).isTrue();
      assertThat(op.start() == 0 || op.after().startsWith(" ")).as(op.toString()).isTrue();
    }
    assertThat(out.text().split(" ")).hasSameSizeAs(text.split(" "));
    assertThat(NoisyText.replay(text, out.ops())).isEqualTo(out.text());
  }

  @Test
  void needsTheReferenceItsAttackRaisesTheLossOf() {
    assertThatThrownBy(() -> operator().apply("A cat sat.", 0.5, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference continuation");
  }

  @Test
  void raisesTheReferenceLossMoreThanRandomWordSubstitutionWithTheSameEditCount() {
    Llama2cTokenizer tok = Tok512.get();
    List<Example> examples =
        DatasetReader.read(
                Tok512.models().resolveSibling("data/tinystories/tinystories_val.txt"), 1)
            .subList(0, EXAMPLES);
    HotFlipOperator hotflip = operator();
    SplittableRandom random = new SplittableRandom(2024);
    double clean = 0;
    double adversarial = 0;
    double baseline = 0;
    for (Example e : examples) {
      clean += loss(tok, e.prompt(), e.reference());
      NoisyText flipped = hotflip.apply(e.prompt(), e.reference(), STRENGTH, random);
      adversarial += loss(tok, flipped.text(), e.reference());
      for (int d = 0; d < RANDOM_DRAWS; d++) {
        String noisy = randomFlips(tok, e.prompt(), flipped.ops().size(), random);
        baseline += loss(tok, noisy, e.reference()) / RANDOM_DRAWS;
      }
    }
    System.out.printf(
        "hotflip vs random word-initial substitution, stories260K, %d TinyStories validation"
            + " prompts, strength %.1f: mean reference NLL of the noisy text clean %.4f, random"
            + " %.4f, hotflip %.4f nats%n",
        EXAMPLES, STRENGTH, clean / EXAMPLES, baseline / EXAMPLES, adversarial / EXAMPLES);
    assertThat(adversarial).isGreaterThan(baseline);
    assertThat(baseline).isGreaterThan(clean);
  }

  /** The policy's loss of the reference after the text as the sampler would tokenize it. */
  private static double loss(Llama2cTokenizer tok, String text, String reference) {
    return POLICIES.withPolicy(
        null,
        Tok512.MODEL,
        (model, version) ->
            new HotFlip(model, new int[] {3})
                .loss(tok.encode(text, true, false), tok.encode(reference, false, false)));
  }

  // The baseline: the same number of distinct word-initial tokens, each set to a random other
  // word-initial piece.
  private static String randomFlips(
      Llama2cTokenizer tok, String text, int edits, SplittableRandom r) {
    List<TokenUnits.Unit> units = new ArrayList<>(wordInitial(tok, text));
    List<Integer> pieces =
        IntStream.range(259, tok.vocabSize())
            .filter(id -> tok.piece(id).startsWith(" ") && !tok.piece(id).isBlank())
            .boxed()
            .toList();
    for (int k = 0; k < edits; k++) {
      int j = k + r.nextInt(units.size() - k);
      TokenUnits.Unit picked = units.get(j);
      units.set(j, units.get(k));
      units.set(k, picked);
    }
    List<TokenUnits.Unit> chosen = new ArrayList<>(units.subList(0, edits));
    chosen.sort((a, b) -> Integer.compare(a.start(), b.start()));
    TextEditor editor = new TextEditor("random", text);
    for (TokenUnits.Unit unit : chosen) {
      String piece;
      do {
        piece = tok.piece(pieces.get(r.nextInt(pieces.size())));
      } while (piece.equals(unit.piece()));
      editor.replace(unit.start(), unit.end(), unit.replacement(piece));
    }
    return editor.result().text();
  }

  private static List<TokenUnits.Unit> wordInitial(Llama2cTokenizer tok, String text) {
    return TokenUnits.of(tok, text).stream()
        .filter(u -> u.tokenCount() == 1 && u.startsWord() && !u.piece().isBlank())
        .toList();
  }
}

package dev.tempered.api.job;

/**
 * Embedding-space adversarial training: the policy's loss is also taken at prompt-token input
 * embeddings pushed, within an ε-ball, in the direction that raises it (FGSM for one step, PGD for
 * more).
 *
 * @param epsilon radius of the ball the perturbation stays in, in embedding units
 * @param steps gradient-ascent steps on the perturbation (null: 1, FGSM); more is PGD
 * @param stepSize length of each ascent step (null: epsilon, the FGSM step)
 * @param norm {@code linf} (default; steps along the gradient's sign) or {@code l2} (along the
 *     gradient normalised per sequence)
 */
public record AdversarialSpec(Double epsilon, Integer steps, Double stepSize, String norm) {

  public static final String LINF = "linf";
  public static final String L2 = "l2";

  public int stepsOrDefault() {
    return steps == null ? 1 : steps;
  }

  public double stepSizeOrDefault() {
    return stepSize == null ? epsilon : stepSize;
  }

  public String normOrDefault() {
    return norm == null ? LINF : norm;
  }
}

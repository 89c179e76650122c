/**
 * Embedding-space adversarial training: FGSM and PGD steps on a perturbation of the prompt tokens'
 * input embeddings, projected onto an ε-ball in the L∞ or L2 norm.
 */
package dev.tempered.trainer.algorithm.adversarial;

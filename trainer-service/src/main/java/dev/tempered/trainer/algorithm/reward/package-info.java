/** The Bradley–Terry loss of a scalar reward model trained on preference pairs. */
package dev.tempered.trainer.algorithm.reward;

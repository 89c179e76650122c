/**
 * Direct preference optimisation over (chosen, rejected) pairs: the sigmoid, IPO, hinge and robust
 * losses, alone or combined with weights, and their TRL-style reward metrics.
 */
package dev.tempered.trainer.algorithm.dpo;

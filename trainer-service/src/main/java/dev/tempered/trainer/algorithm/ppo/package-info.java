/**
 * PPO for language models: per-token rewards with the score on the last completion token, GAE,
 * advantage whitening over valid tokens, the clipped policy and value losses, KL controllers and
 * the epochs × minibatches plan.
 */
package dev.tempered.trainer.algorithm.ppo;

/** Adversarial token substitutions against the policy, guided by its gradients. */
package dev.tempered.model.adversarial;

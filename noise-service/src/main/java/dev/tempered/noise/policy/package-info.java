/**
 * The policies the adversarial operators attack: each job's base model, moved to the newest
 * checkpoint the trainer announced.
 */
package dev.tempered.noise.policy;

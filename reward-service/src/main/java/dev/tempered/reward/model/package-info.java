/**
 * The reward components that run a model: {@code fluency} under the job's frozen base model and
 * {@code reward-model}, a learned Bradley–Terry reward model, each loaded once and scoring a
 * group's candidates in one batch.
 */
package dev.tempered.reward.model;

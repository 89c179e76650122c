/**
 * GRPO's group-relative advantages, shared by the reward service (per group) and the trainer (per
 * batch), so both compute them with one definition.
 */
package dev.tempered.api.advantage;

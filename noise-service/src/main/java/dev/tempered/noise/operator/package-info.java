/**
 * Seeded noise operators that corrupt a prompt and report every change, and the weighted mixture
 * that picks one per prompt.
 */
package dev.tempered.noise.operator;

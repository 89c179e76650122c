/**
 * Offline preference data and DPO training on it: reading preference files in the standard and the
 * chat layout, tokenising pairs, and the DPO update of a policy against a frozen reference.
 */
package dev.tempered.trainer.preference;

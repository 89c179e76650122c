/** Teacher-forced log-probs for training batches and the AdamW optimiser. */
package dev.tempered.model.training;

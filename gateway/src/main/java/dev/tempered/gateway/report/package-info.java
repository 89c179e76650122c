/** Robustness reports: held-out clean and noisy scores per policy version, and their comparison. */
package dev.tempered.gateway.report;

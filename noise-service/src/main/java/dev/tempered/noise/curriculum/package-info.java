/** The noise curriculum: how strength grows with training progress. */
package dev.tempered.noise.curriculum;

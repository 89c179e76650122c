/**
 * Reading prompt/reference examples from dataset files under the data root and splitting them into
 * EVAL and TRAIN.
 */
package dev.tempered.noise.dataset;

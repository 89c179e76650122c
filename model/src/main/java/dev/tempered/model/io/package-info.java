/**
 * Reading and writing llama2.c checkpoints and Hugging Face Llama checkpoints (config.json +
 * safetensors), and locating model files.
 */
package dev.tempered.model.io;

/** Reading and writing llama2.c checkpoints and locating model files. */
package dev.tempered.model.io;

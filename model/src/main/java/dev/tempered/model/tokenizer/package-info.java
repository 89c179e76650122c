/** llama2.c's BPE tokenizer (tok512.bin format) and Hugging Face tokenizer.json through DJL. */
package dev.tempered.model.tokenizer;

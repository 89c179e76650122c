/** llama2.c's BPE tokenizer (tok512.bin format). */
package dev.tempered.model.tokenizer;

/** The Llama architecture on DJL: config, host weights, forward pass and KV cache. */
package dev.tempered.model.llama;

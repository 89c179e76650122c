/**
 * A scalar reward model on the Llama trunk (HF's {@code LlamaForSequenceClassification} with one
 * label): the head, the token layout of (prompt, completion) texts, and its Hugging Face files.
 */
package dev.tempered.model.reward;

/**
 * The {@code ./tempered export} command: a trainer checkpoint or base model written as a Hugging
 * Face Llama directory.
 */
package dev.tempered.model.export;

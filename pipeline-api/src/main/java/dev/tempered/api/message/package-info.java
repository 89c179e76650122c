/**
 * Records carried on the pipeline's topics; each carries an {@link
 * dev.tempered.api.message.Envelope}.
 */
package dev.tempered.api.message;

/** Typed configuration and bean wiring. */
package dev.tempered.trainer.config;

/** The reward service's entry point. */
package dev.tempered.reward;

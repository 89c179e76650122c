/** Typed configuration and the wiring of data root, operators and the publishing schedule. */
package dev.tempered.noise.config;

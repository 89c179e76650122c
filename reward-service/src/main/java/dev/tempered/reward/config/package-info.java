/** Typed configuration properties and the wiring of the service's plain classes. */
package dev.tempered.reward.config;

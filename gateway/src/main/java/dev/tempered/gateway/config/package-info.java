/** Typed configuration of the gateway. */
package dev.tempered.gateway.config;

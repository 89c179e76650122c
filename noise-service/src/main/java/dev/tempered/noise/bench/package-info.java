/** Throughput measurements of the noise operators; run by hand, never by the build. */
package dev.tempered.noise.bench;

/** Throughput benchmarks of generation and training, run by hand, never by tests. */
package dev.tempered.model.bench;

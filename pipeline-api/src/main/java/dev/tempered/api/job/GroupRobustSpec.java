package dev.tempered.api.job;

/**
 * Group-robust weighting over the samples' data groups (noise kind, data segment): weights start
 * uniform and follow α_g ← α_g·exp(eta·L_g), renormalised; the loss is Σ_g α_g·L_g.
 *
 * @param eta the exponentiated-gradient step size, > 0 (e.g. 0.01)
 */
public record GroupRobustSpec(double eta) {}

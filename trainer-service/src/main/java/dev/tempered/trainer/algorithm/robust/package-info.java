/**
 * Group-robust weighting across data groups (Group DRO, Sagawa et al. 2020; Group Robust Preference
 * Optimization, Ramesh et al. 2024) on top of any per-sample loss.
 */
package dev.tempered.trainer.algorithm.robust;

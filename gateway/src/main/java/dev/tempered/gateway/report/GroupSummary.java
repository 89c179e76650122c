package dev.tempered.gateway.report;

/** Mean scores of one data group (noise kind) under one policy version. */
public record GroupSummary(
    String group, int scored, double meanClean, double meanNoisy, double gap) {}

package dev.tempered.gateway.job;

import java.util.List;

/** Every job, newest submission first. */
public record JobList(List<JobView> jobs) {}

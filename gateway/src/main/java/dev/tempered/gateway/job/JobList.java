package dev.tempered.gateway.job;

import java.util.List;

/**
 * One page of jobs, newest submission first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record JobList(List<JobView> jobs, String nextCursor) {}

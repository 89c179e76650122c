package dev.tempered.gateway.events;

import java.util.List;

/**
 * Events of a job after a given id, oldest first.
 *
 * @param next pass as {@code after} for the following page (the last id here, or the requested
 *     {@code after} when there is none)
 * @param more whether further events were already there
 */
public record EventPage(String jobId, List<JobEventView> events, long next, boolean more) {}

/** Jobs: submission, lifecycle on the jobs topic, in-memory state and the REST resource. */
package dev.tempered.gateway.job;

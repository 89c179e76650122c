/** What the service knows about jobs from the compacted jobs topic: state and reward weights. */
package dev.tempered.reward.jobs;

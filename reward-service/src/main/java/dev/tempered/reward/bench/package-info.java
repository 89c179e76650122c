/** A command-line benchmark of the reward components; not part of the running service. */
package dev.tempered.reward.bench;

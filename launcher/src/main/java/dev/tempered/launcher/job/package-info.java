/** The job file and the gateway's REST API as the launcher sees them. */
package dev.tempered.launcher.job;

/** The gateway service: REST job API, job state on the jobs topic, robustness reports. */
package dev.tempered.gateway;

/** A job's history over HTTP: paged events, Server-Sent Events with resume, and checkpoints. */
package dev.tempered.gateway.events;

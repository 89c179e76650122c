/**
 * The {@code tempered} command line: argument parsing and the {@code demo} and {@code up} commands.
 */
package dev.tempered.launcher;

/** {@code tempered job ...}: the command-line client of the gateway's job API. */
package dev.tempered.launcher.cli;

/** Turns job views and robustness reports into lines a person reads in a terminal. */
package dev.tempered.launcher.console;

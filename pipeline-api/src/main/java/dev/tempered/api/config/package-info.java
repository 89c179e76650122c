/** Locating shared model and data files. */
package dev.tempered.api.config;

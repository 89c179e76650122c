/** Who may call the API: API keys or bearer tokens with roles, and request size limits. */
package dev.tempered.gateway.security;

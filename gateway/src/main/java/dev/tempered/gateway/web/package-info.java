/** HTTP plumbing shared by the resources: RFC 9457 problem details and the OpenAPI document. */
package dev.tempered.gateway.web;

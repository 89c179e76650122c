/** Topic names shared by every service. */
package dev.tempered.api.topic;

/** Browser tests of the report page in headless Chromium. */
package dev.tempered.gateway.ui;

package dev.tempered.gateway.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the periodic sweep that finishes cancelled jobs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}

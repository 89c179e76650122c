package dev.tempered.sampler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Samples candidate answers to noisy prompts with each job's newest policy and publishes them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SamplerServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(SamplerServiceApplication.class, args);
  }
}

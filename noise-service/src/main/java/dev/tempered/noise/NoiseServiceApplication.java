package dev.tempered.noise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Reads each running job's dataset, applies its noise mixture and curriculum, and publishes noisy
 * prompts.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NoiseServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(NoiseServiceApplication.class, args);
  }
}

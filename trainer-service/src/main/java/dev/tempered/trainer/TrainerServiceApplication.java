package dev.tempered.trainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs GRPO updates on scored groups and publishes checkpoints and rollouts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TrainerServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrainerServiceApplication.class, args);
  }
}

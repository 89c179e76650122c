package dev.tempered.reward;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The reward service: scores candidate groups and publishes scored groups and evaluations. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RewardServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(RewardServiceApplication.class, args);
  }
}

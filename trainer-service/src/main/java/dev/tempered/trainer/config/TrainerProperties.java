package dev.tempered.trainer.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trainer settings.
 *
 * @param modelsDir where base models live; empty means {@code <shared root>/models}
 * @param device DJL device name, {@code cpu} or {@code gpu}
 * @param maxNonFiniteSteps non-finite steps in a row after which the trainer gives a job up and the
 *     gateway fails it
 * @param dataDir where offline jobs' preference files ({@code dataset.path}) are; empty means
 *     {@code <shared root>/data}
 */
@ConfigurationProperties("tempered.trainer")
public record TrainerProperties(
    Path modelsDir,
    @DefaultValue("cpu") String device,
    @DefaultValue("5") int maxNonFiniteSteps,
    Path dataDir) {}

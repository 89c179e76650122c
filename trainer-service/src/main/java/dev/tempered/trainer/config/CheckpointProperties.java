package dev.tempered.trainer.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where checkpoints are written; shared with the samplers that read them. */
@ConfigurationProperties("tempered")
public record CheckpointProperties(
    @DefaultValue("${java.io.tmpdir}/tempered/checkpoints") Path checkpointDir) {}

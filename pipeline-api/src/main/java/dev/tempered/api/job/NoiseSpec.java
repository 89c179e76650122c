package dev.tempered.api.job;

import java.util.List;

/** The noise mixture and its curriculum. */
public record NoiseSpec(List<NoiseOperatorSpec> operators, CurriculumSpec curriculum) {}

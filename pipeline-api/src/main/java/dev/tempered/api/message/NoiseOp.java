package dev.tempered.api.message;

/**
 * One change a noise operator made: its kind, the character span [start, end) it replaced in the
 * text as it was before this change, and the text before and after.
 */
public record NoiseOp(String kind, int start, int end, String before, String after) {}

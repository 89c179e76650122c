/** The job spec users submit, its validation, and the job record kept on the {@code jobs} topic. */
package dev.tempered.api.job;

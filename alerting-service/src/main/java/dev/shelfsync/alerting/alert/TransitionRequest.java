package dev.shelfsync.alerting.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Who acknowledges or resolves an alert. */
public record TransitionRequest(@NotBlank @Size(max = 200) String actor) {}

package dev.shelfsync.alerting.notify;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where notifications go: a webhook (JSON or Slack-compatible body, HMAC-signed) or an e-mail address.
 *
 * @param secret HMAC-SHA256 key of a webhook; write-only (never returned), kept when an update leaves it out
 * @param minSeverity the least severe alert this target receives
 */
public record TargetRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = "webhook|email", message = "must be webhook or email") String kind,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String url,
        @Size(min = 16, max = 500, message = "must be 16 to 500 characters") String secret,
        @Pattern(regexp = "json|slack", message = "must be json or slack") String format,
        @Email @Size(max = 320) String email,
        @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String minSeverity,
        Boolean enabled) {}

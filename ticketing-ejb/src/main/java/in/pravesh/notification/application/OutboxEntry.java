package in.pravesh.notification.application;

import java.time.OffsetDateTime;

/** A message kept by the development outbox, as {@code GET /api/dev/outbox} shows it. */
public record OutboxEntry(
    String to, String channel, String body, String mediaUrl, OffsetDateTime createdAt) {}

package in.pravesh.jobs;

import java.time.OffsetDateTime;

/** A job that ended in the dead-letter queue (api.md: GET /api/admin/jobs/dead). */
public record DeadJobView(
    String id,
    String kind,
    String queue,
    String payload,
    int deliveries,
    OffsetDateTime failedAt) {}

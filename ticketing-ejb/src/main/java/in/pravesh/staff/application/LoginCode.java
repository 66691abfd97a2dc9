package in.pravesh.staff.application;

import java.time.OffsetDateTime;

/** A one-time login code for a staff member, shown once to the admin who issued it. */
public record LoginCode(String code, OffsetDateTime expiresAt) {}

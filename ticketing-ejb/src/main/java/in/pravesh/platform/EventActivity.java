package in.pravesh.platform;

import java.util.UUID;

/**
 * Something that the event's numbers count changed: a registration made or cancelled, a ticket
 * issued, a visitor admitted. Fired (as a CDI event) inside the transaction that changed it; those
 * who watch the numbers observe it after the commit.
 */
public record EventActivity(UUID eventId) {}

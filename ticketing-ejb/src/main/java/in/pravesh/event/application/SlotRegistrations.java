package in.pravesh.event.application;

import java.util.UUID;

/**
 * How many registrations (of any status) a slot has. Declared here and implemented by {@code
 * registration}, which sits above event: a slot that ever had one is kept.
 */
public interface SlotRegistrations {

  long count(UUID slotId);
}

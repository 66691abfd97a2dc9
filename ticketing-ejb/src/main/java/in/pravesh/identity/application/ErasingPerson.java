package in.pravesh.identity.application;

import java.util.UUID;

/**
 * A person is being erased (consent withdrawn), fired inside the erasure's transaction: each
 * context above identity that keeps their data observes it and erases its own rows, so the erasure
 * commits or rolls back as one.
 */
public record ErasingPerson(UUID personId, String phone) {}

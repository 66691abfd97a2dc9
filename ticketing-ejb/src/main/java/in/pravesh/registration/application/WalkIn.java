package in.pravesh.registration.application;

import in.pravesh.identity.domain.PhoneNumber;
import java.util.UUID;

/**
 * A walk-in registered at a volunteer desk (api.md: POST /api/volunteer/registrations): the
 * visitor's phone, and how their ticket goes out ({@code sms}, {@code whatsapp} or {@code none},
 * shown at the desk).
 */
public record WalkIn(
    UUID slotId, String name, PhoneNumber phone, int partySize, String deliver, boolean consent) {}

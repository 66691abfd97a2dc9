package in.pravesh.registration.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of POST /api/registrations. */
public record RegistrationRequest(
    @NotBlank(message = "Choose a slot") String slotId,
    @NotBlank(message = "A name is required") @Size(max = 200, message = "At most 200 characters")
        String name,
    @NotNull(message = "The party size is required")
        @Min(value = 1, message = "At least 1 person")
        @Max(value = 10, message = "At most 10 people; groups register at a volunteer desk")
        Integer partySize,
    @Email(message = "Not an email address") @Size(max = 254) String email,
    @NotNull(message = "Consent is required") Boolean consent) {}

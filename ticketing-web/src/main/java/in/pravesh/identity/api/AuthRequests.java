package in.pravesh.identity.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The bodies of the auth calls (api.md, Auth). */
public final class AuthRequests {

  private AuthRequests() {}

  public record OtpRequest(
      @NotBlank(message = "A phone number is required") String phone,
      @Pattern(regexp = "sms|whatsapp", message = "Channel is sms or whatsapp") String channel) {}

  public record OtpVerification(
      @NotBlank(message = "A phone number is required") String phone,
      @NotBlank(message = "The code is required")
          @Pattern(regexp = "[0-9]{6}", message = "The code has 6 digits")
          String code) {}

  public record StaffCode(@NotBlank(message = "The code is required") String code) {}
}

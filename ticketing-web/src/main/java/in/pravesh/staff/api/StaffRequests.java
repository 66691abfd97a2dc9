package in.pravesh.staff.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the staff admin calls (api.md, Admin). */
public final class StaffRequests {

  private StaffRequests() {}

  public record NewStaff(
      @NotBlank(message = "A phone number is required") String phone,
      @NotBlank(message = "A name is required") @Size(max = 200) String name,
      @NotBlank(message = "A role is required")
          @Pattern(regexp = "volunteer|admin", message = "Role is volunteer or admin")
          String role,
      String gateId) {}

  public record StaffChange(
      Boolean active,
      @Pattern(regexp = "volunteer|admin", message = "Role is volunteer or admin") String role,
      String gateId) {}
}

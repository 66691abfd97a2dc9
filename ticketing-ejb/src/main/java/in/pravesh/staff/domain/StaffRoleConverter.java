package in.pravesh.staff.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** Stores roles as their lower-case names, as tokens and the contract spell them. */
@Converter(autoApply = true)
public class StaffRoleConverter implements AttributeConverter<StaffRole, String> {

  @Override
  public String convertToDatabaseColumn(StaffRole role) {
    return role == null ? null : role.roleName();
  }

  @Override
  public StaffRole convertToEntityAttribute(String value) {
    return value == null ? null : StaffRole.valueOf(value.toUpperCase(Locale.ROOT));
  }
}

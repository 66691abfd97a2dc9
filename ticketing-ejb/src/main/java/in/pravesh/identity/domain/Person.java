package in.pravesh.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Someone who logged in with a phone number; tokens name them by id. */
@Entity
@Table(name = "person")
public class Person {

  @Id private UUID id;

  @Column(nullable = false, unique = true)
  private String phone;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Person() {}

  public Person(PhoneNumber phone, Instant now) {
    this.id = UUID.randomUUID();
    this.phone = phone.e164();
    this.createdAt = now;
  }

  public UUID id() {
    return id;
  }

  public PhoneNumber phone() {
    return new PhoneNumber(phone);
  }
}

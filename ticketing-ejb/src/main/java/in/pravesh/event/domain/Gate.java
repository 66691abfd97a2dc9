package in.pravesh.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A gate of an event, where volunteers scan tickets. */
@Entity
@Table(name = "gate")
public class Gate {

  @Id private UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "event_id")
  private Event event;

  @Column(nullable = false)
  private String name;

  @Column(name = "retired_at")
  private Instant retiredAt;

  @Version private int version;

  protected Gate() {}

  public Gate(Event event, String name) {
    this.id = UUID.randomUUID();
    this.event = event;
    this.name = name;
    event.gates().add(this);
  }

  public void rename(String name) {
    this.name = name;
  }

  /** No more scans here; the gate stays, for the scans and admissions made at it. */
  public void retire(Instant at) {
    if (retiredAt == null) {
      retiredAt = at;
    }
  }

  public boolean retired() {
    return retiredAt != null;
  }

  public UUID id() {
    return id;
  }

  public Event event() {
    return event;
  }

  public String name() {
    return name;
  }
}

package in.pravesh.console;

import in.pravesh.audit.AuditLog;
import in.pravesh.audit.AuditPage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Size;
import java.io.Serializable;

/** The audit log: who did what, when, from where; filtered by actor and action, paged. */
@Named("auditPage")
@ViewScoped
public class AuditLogPage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int SIZE = 50;

  @Inject AuditLog audit;

  @Size(max = 80)
  private String actor;

  @Size(max = 60)
  private String action;

  private int page;
  private AuditPage result;

  /** The view action: the current page with the current filters. */
  public void load() {
    result = audit.page(blank(actor), blank(action), page, SIZE, Console.ZONE);
  }

  public void filter() {
    page = 0;
    load();
  }

  public void next() {
    if ((long) (page + 1) * SIZE < result.total()) {
      page++;
    }
    load();
  }

  public void previous() {
    page = Math.max(0, page - 1);
    load();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public AuditPage getResult() {
    return result;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public int getPage() {
    return page;
  }
}

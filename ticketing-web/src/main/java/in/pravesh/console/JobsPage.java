package in.pravesh.console;

import in.pravesh.jobs.DeadJobView;
import in.pravesh.jobs.DeadJobs;
import in.pravesh.platform.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Jobs that ended in a dead-letter queue, and their replay (audited). */
@Named
@ViewScoped
public class JobsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject DeadJobs deadJobs;
  @Inject Console console;

  private List<DeadJobView> jobs;

  @PostConstruct
  void load() {
    jobs = deadJobs.list();
  }

  public void replay(DeadJobView job) {
    try {
      deadJobs.replay(job.id(), console.actor());
      Console.info(Console.label("console.replayed"));
      load();
    } catch (BusinessException e) {
      Console.refused(e, "jobs");
    }
  }

  public List<DeadJobView> getJobs() {
    return jobs;
  }
}

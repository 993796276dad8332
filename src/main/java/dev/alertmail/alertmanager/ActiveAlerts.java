package dev.alertmail.alertmanager;

import dev.alertmail.alert.Alert;
import dev.alertmail.alert.Backoff;
import dev.alertmail.alert.DigestEntry;
import dev.alertmail.alert.EventBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The bookkeeping of an Alertmanager client, as Prometheus keeps it for its rules: each problem is
 * one alert. A new problem is posted at once (Alertmanager groups across the fleet, so there is no
 * local wait); every active alert is posted again every {@code alertmanagerRefresh} in one batch,
 * with {@code endsAt} four refreshes ahead, so an instance that dies lets its alerts expire; a
 * problem quiet for {@code resolveAfter} is posted resolved (its {@code endsAt} its last event) for
 * a few refreshes, then forgotten. A post no replica took is retried with backoff, capped at the
 * refresh interval; a problem whose first firing no replica took within {@code fallbackAfter} is
 * handed to mail.
 *
 * <p>Time is passed in, so the whole schedule runs on a virtual clock in tests. Not thread-safe:
 * the sender thread owns it. Memory is bounded: at most {@value #MAX_PROBLEMS} problems are kept;
 * beyond that the one quiet longest makes room, its alert left to expire in Alertmanager.
 */
public final class ActiveAlerts {

  /** Problems kept at once. */
  public static final int MAX_PROBLEMS = 1_000;

  /** Posts of a resolution before the problem is forgotten: one lost post must not leave it. */
  static final int RESOLVE_POSTS = 3;

  // Prometheus sends endsAt = now + 4 x its resend delay
  private static final int REFRESHES_AHEAD = 4;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final AlertmanagerConfig config;
  private final AlertContent content;
  private final Backoff backoff;
  // for posts some replica missed while another took them
  private final Backoff partial;
  // problems evicted before any replica took them: mailed, or said as dropped
  private final List<Fallback> evicted = new ArrayList<>();
  // access order: the least recently touched first, for eviction
  private final Map<String, Problem> problems = new LinkedHashMap<>(64, 0.75f, true);
  private boolean news;
  private Instant nextRefresh;
  private Instant retryAt;
  private long dropped;

  /**
   * An empty book.
   *
   * @param service the {@code service} label: the application's name
   * @param instance the {@code instance} label: this host
   * @param appPackages the application's own packages, for {@code where}
   * @param threadDomain the domain of the mail conversation's ids: the sender's, as AlertMail's own
   *     mail has it
   */
  public ActiveAlerts(
      AlertmanagerConfig config,
      String service,
      String instance,
      List<String> appPackages,
      String threadDomain,
      RandomGenerator random) {
    this.config = config;
    this.content = new AlertContent(config, service, instance, appPackages, threadDomain);
    Duration cap = config.refresh().compareTo(FIRST_RETRY) < 0 ? FIRST_RETRY : config.refresh();
    this.backoff = new Backoff(random, FIRST_RETRY, cap);
    this.partial = new Backoff(random, FIRST_RETRY, cap);
  }

  /**
   * A post's alerts and the problems they are about, in the same order, and what could not be made
   * into an alert (said, never posted: Alertmanager refuses a batch with one bad alert).
   */
  public record Post(
      List<PostableAlert> alerts,
      List<String> fingerprints,
      List<Boolean> resolving,
      List<Long> counts,
      List<String> invalid) {

    /** {@return the body of {@code POST /api/v2/alerts}} */
    public String json() {
      return PostableAlert.json(alerts);
    }
  }

  /** A problem to mail because no replica took its first firing in time. */
  public record Fallback(String fingerprint, Alert sample, long count, Instant lastSeen) {}

  /**
   * A triggering event arrived. {@return its fingerprint}
   *
   * @param now the sender's clock
   */
  public String accept(Alert alert, Instant now) {
    return accept(alert, null, now);
  }

  /**
   * As {@link #accept(Alert, Instant)}, under the fingerprint the alert's source computed from the
   * whole event, when known (null otherwise).
   */
  public String accept(Alert alert, String fingerprint, Instant now) {
    DigestEntry entry = DigestEntry.of(EventBudget.DEFAULT.apply(alert), fingerprint);
    Problem problem = problems.get(entry.fingerprint());
    if (problem == null) {
      makeRoom();
      problems.put(
          entry.fingerprint(),
          new Problem(entry.fingerprint(), entry.sample(), entry.firstSeen(), now));
      news = true;
    } else if (problem.isQuiet(now, config.resolveAfter())) {
      problem.open(entry.sample(), entry.firstSeen(), now); // a new incident of an old problem
      news = true;
    } else {
      problem.add(1, entry.firstSeen(), now);
    }
    return entry.fingerprint();
  }

  /** {@return whether the problem is known and firing: an event of it needs no alert built} */
  public boolean firing(String fingerprint, Instant now) {
    Problem problem = problems.get(fingerprint);
    return problem != null && !problem.isQuiet(now, config.resolveAfter());
  }

  /**
   * Events of a problem counted without an alert (on the logging threads, or known by their
   * fingerprint). {@return whether the problem is known}; if not (forgotten meanwhile), the caller
   * says so elsewhere. A quiet problem opens a new incident with its last sample.
   */
  public boolean counted(String fingerprint, long count, Instant at, Instant now) {
    Problem problem = problems.get(fingerprint);
    if (problem == null) {
      return false;
    }
    if (problem.isQuiet(now, config.resolveAfter())) {
      problem.open(problem.sample, at, now);
      problem.count = count;
      news = true;
    } else {
      problem.add(count, at, now);
    }
    return true;
  }

  /** Triggering events lost before reaching here: said in every alert's {@code dropped}. */
  public void dropped(long count) {
    dropped += count;
  }

  /** {@return whether the problem's events go to mail: its first firing went there} */
  public boolean mailing(String fingerprint) {
    Problem problem = problems.get(fingerprint);
    return problem != null && problem.mailing();
  }

  /**
   * {@return the alert for a one-off event, as the command line posts it}: firing from now until
   * {@code resolveAfter}, when Alertmanager resolves it unless it is posted again
   */
  public PostableAlert once(Alert alert, Instant now) {
    Problem problem = new Problem(DigestEntry.of(alert).fingerprint(), alert, now, now);
    return new PostableAlert(
        content.labels(problem),
        content.annotations(problem, 0),
        now,
        now.plus(config.resolveAfter()),
        content.generatorUrl(problem));
  }

  /** {@return what to post now, or null when nothing is due} */
  public Post due(Instant now) {
    unlessTheClockSteppedBack(now);
    if (problems.isEmpty() || retryAt != null && now.isBefore(retryAt)) {
      return null;
    }
    if (!news && retryAt == null && nextRefresh != null && now.isBefore(nextRefresh)) {
      return null;
    }
    return post(now);
  }

  /**
   * {@return every problem's final count, for the appender's last post} A problem still firing is
   * posted firing: resolving it at shutdown would make an instance that restarts in a loop flap its
   * problems. One quiet for {@code resolveAfter} is posted resolved, as a refresh would.
   */
  public Post last(Instant now) {
    return problems.isEmpty() ? null : post(now);
  }

  private Post post(Instant now) {
    List<PostableAlert> alerts = new ArrayList<>(problems.size());
    List<String> fingerprints = new ArrayList<>(problems.size());
    List<Boolean> resolving = new ArrayList<>(problems.size());
    List<Long> counts = new ArrayList<>(problems.size());
    List<String> invalid = new ArrayList<>();
    Instant endsAt = now.plus(config.refresh().multipliedBy(REFRESHES_AHEAD));
    for (Problem problem : problems.values()) {
      boolean quiet = problem.isQuiet(now, config.resolveAfter());
      Instant starts = problem.firstSeen;
      // a resolved alert ends at its last event; Alertmanager resolves it at once
      Instant ends = quiet ? max(problem.lastSeen, starts) : max(endsAt, starts);
      try {
        alerts.add(
            new PostableAlert(
                content.labels(problem),
                content.annotations(problem, dropped),
                starts,
                ends,
                content.generatorUrl(problem)));
      } catch (IllegalArgumentException e) {
        invalid.add(problem.fingerprint + ": " + e.getMessage());
        continue;
      }
      fingerprints.add(problem.fingerprint);
      resolving.add(quiet);
      counts.add(problem.count);
    }
    return new Post(alerts, fingerprints, resolving, counts, invalid);
  }

  /** What became of a post: taken by some replica, refused as malformed, or to be retried. */
  public enum Outcome {
    ACCEPTED,
    REFUSED,
    FAILED
  }

  /**
   * The post was answered. {@return when to retry it, or null}
   *
   * @param outcome whether a replica took it, every replica refused it as malformed (never retried:
   *     the next refresh sends it again), or none answered usefully
   */
  public Duration posted(Post post, Outcome outcome, Instant now) {
    return posted(post, outcome, true, now);
  }

  /**
   * As {@link #posted(Post, Outcome, Instant)}; {@code everyReplica} false when some replica did
   * not take a post another did: each replica must hold each alert (they share none), so it is
   * posted again soon, with its own backoff, rather than at the next refresh.
   */
  public Duration posted(Post post, Outcome outcome, boolean everyReplica, Instant now) {
    if (outcome == Outcome.FAILED) {
      Duration delay = backoff.next();
      retryAt = now.plus(delay);
      return delay;
    }
    backoff.reset();
    retryAt = null;
    news = false;
    nextRefresh = now.plus(config.refresh());
    if (outcome == Outcome.REFUSED) {
      return null;
    }
    if (everyReplica) {
      partial.reset();
    } else {
      retryAt = now.plus(partial.next());
    }
    for (int i = 0; i < post.fingerprints().size(); i++) {
      Problem problem = problems.get(post.fingerprints().get(i));
      if (problem == null) {
        continue;
      }
      problem.accepted = true;
      problem.postedCount = Math.max(problem.postedCount, post.counts().get(i));
      if (post.resolving().get(i) && ++problem.resolvePosts >= RESOLVE_POSTS) {
        problems.remove(problem.fingerprint);
      }
    }
    return null;
  }

  /**
   * {@return the problems whose first firing no replica took within {@code fallbackAfter}}, each
   * once; from then on their events go to mail until a replica takes one of their posts
   */
  public List<Fallback> fallbacks(Instant now) {
    List<Fallback> due = new ArrayList<>(evicted);
    evicted.clear();
    if (config.fallbackAfter().isZero()) {
      return due;
    }
    for (Problem problem : problems.values()) {
      if (!problem.accepted
          && !problem.fellBack
          && !now.isBefore(problem.openedAt.plus(config.fallbackAfter()))) {
        problem.fellBack = true;
        due.add(new Fallback(problem.fingerprint, problem.sample, problem.count, problem.lastSeen));
      }
    }
    return due;
  }

  /**
   * A clock stepped back (NTP, a VM restored) would hold refreshes back by as much, and the alerts
   * would expire meanwhile: a schedule further ahead than it can be is due now.
   */
  private void unlessTheClockSteppedBack(Instant now) {
    Instant latest = now.plus(config.refresh());
    if (nextRefresh != null && nextRefresh.isAfter(latest)) {
      nextRefresh = now;
    }
    if (retryAt != null && retryAt.isAfter(latest)) {
      retryAt = now;
    }
  }

  /** {@return when something is due next, or null for nothing} */
  public Instant nextWakeup(Instant now) {
    unlessTheClockSteppedBack(now);
    if (!evicted.isEmpty()) {
      return now;
    }
    if (problems.isEmpty()) {
      return null;
    }
    Instant wake = retryAt != null ? retryAt : news ? now : nextRefresh;
    if (!config.fallbackAfter().isZero()) {
      for (Problem problem : problems.values()) {
        if (!problem.accepted && !problem.fellBack) {
          wake = min(wake, problem.openedAt.plus(config.fallbackAfter()));
        }
      }
    }
    return wake;
  }

  /** {@return whether a replica ever took a post of the problem's current incident} */
  public boolean wasTaken(String fingerprint) {
    Problem problem = problems.get(fingerprint);
    return problem == null || problem.accepted;
  }

  /** The problem's fallback is due now: the appender stops, and nothing will retry it. */
  public void fallBackNow(String fingerprint) {
    Problem problem = problems.get(fingerprint);
    if (problem != null && !problem.accepted && !problem.fellBack) {
      problem.fellBack = true;
      evicted.add(
          new Fallback(problem.fingerprint, problem.sample, problem.count, problem.lastSeen));
    }
  }

  /** {@return the events of problems a replica took, counted since the last post it took} */
  public long unpostedOfTaken() {
    long sum = 0;
    for (Problem problem : problems.values()) {
      if (problem.accepted) {
        sum += problem.count - problem.postedCount;
      }
    }
    return sum;
  }

  /** {@return the triggering events no post a replica took carries yet} */
  public long unposted() {
    long sum = 0;
    for (Problem problem : problems.values()) {
      sum += problem.count - problem.postedCount;
    }
    for (Fallback fallback : evicted) {
      sum += fallback.count();
    }
    return sum;
  }

  /** {@return the triggering events of the current incidents} */
  public long events() {
    long sum = 0;
    for (Problem problem : problems.values()) {
      sum += problem.count;
    }
    return sum;
  }

  /** {@return the problems kept} */
  public int size() {
    return problems.size();
  }

  /**
   * Evicts the problem quiet longest among those a replica took (its alert expires in Alertmanager
   * at its endsAt), else the one quiet longest: what no post carried yet is said as dropped, and a
   * problem no replica ever took goes to mail as a fallback would.
   */
  private void makeRoom() {
    if (problems.size() < MAX_PROBLEMS) {
      return;
    }
    Problem victim = null;
    for (Problem problem : problems.values()) {
      if (problem.accepted) {
        victim = problem;
        break;
      }
    }
    if (victim == null) {
      victim = problems.values().iterator().next();
    }
    problems.remove(victim.fingerprint);
    if (victim.accepted) {
      dropped += victim.count - victim.postedCount;
    } else if (!victim.fellBack) {
      evicted.add(new Fallback(victim.fingerprint, victim.sample, victim.count, victim.lastSeen));
    } else {
      dropped += victim.count; // its first mail went out; what came since is said here
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}

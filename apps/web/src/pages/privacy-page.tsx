/**
 * What Convene keeps about people, why, for how long, who sees it, and how to ask for a copy or
 * erasure. Public, so it can be read before signing in. Keep it true to the code: the
 * services named in each paragraph are where each promise is kept.
 */
import { Link } from "@tanstack/react-router";

export function PrivacyPage() {
  return (
    <main id="main" className="narrow-page privacy-page">
      <p className="brand-large">Convene</p>
      <h1>Privacy: what Convene keeps about you</h1>
      <p>
        Convene is the working group's own planning dashboard. The group's convenor runs it and decides how it is used; ask them about
        anything on this page. Nothing here is sold, shared with advertisers or used to track you on other sites; Convene's cookies only
        keep you signed in (and carry you through two-factor sign-in).
      </p>

      <h2>What is kept, and why</h2>
      <dl className="privacy-list">
        <dt>Your account</dt>
        <dd>
          Your name, email address, role (convenor, member or observer) and organisation, so that you can sign in and the group knows who
          speaks for whom. Your password is kept only as a one-way hash; a two-factor secret and backup codes, if you set them up, are kept
          encrypted.
        </dd>
        <dt>Where you are signed in</dt>
        <dd>
          For each session: when it started and was last used, the browser and device it came from, and its internet address, so that you
          can see and end your sessions on your account page. A session ends after some hours unused (8 unless the group set another time)
          and at most 14 days after sign-in (unless the group set another time).
        </dd>
        <dt>The audit log</dt>
        <dd>
          Every sign-in (with the device and the start of its internet address), failed sign-in (with the email address typed), sign-out,
          and every change to the group's records: who made it, when, and the record before and after. It keeps the group's record honest
          and lets the convenor see if an account is misused.
        </dd>
        <dt>What you write</dt>
        <dd>
          Progress updates, contributions, alert answers, positions on proposals, signatures on statements, alerts and resources you add,
          each with your name and organisation, because the group's record says who did what.
        </dd>
        <dt>Your inbox</dt>
        <dd>
          Notifications meant for you (an alert to answer, a warning that your account is unused), and, when the group has set up email, the
          emails sent to your address.
        </dd>
      </dl>

      <h2>Who can see it</h2>
      <ul>
        <li>
          Your name appears beside what you write, to whoever may see that record: everyone (public), signed-in members, or the convenor
          only, as the record is marked.
        </li>
        <li>Only the convenor sees the list of accounts, email addresses, the audit log and anyone's data export.</li>
        <li>Your sessions are shown to you on your account page.</li>
      </ul>

      <h2>How long it is kept</h2>
      <ul>
        <li>Your account is kept while you use it. Sessions end as described above.</li>
        <li>
          An account nobody has used for a long time (12 months unless the group set another time) is warned in its inbox, and by email when
          email is set up. If it is still unused 30 days later it is disabled: you can no longer sign in until the convenor turns it back
          on. Signing in before then keeps it.
        </li>
        <li>
          When your organisation leaves the group, the accounts of its people are disabled; what the organisation did stays in the group's
          record, shown as a former member.
        </li>
        <li>
          What you wrote and the audit log are the group's history and are kept for as long as the group keeps Convene, unless you are
          erased (below).
        </li>
      </ul>

      <h2>A copy of your data, or erasure</h2>
      <p>
        Ask the convenor. They can download, as one file, everything Convene holds about you: your account, sessions, audit entries made by
        you, progress updates, contributions, alert answers, positions, signatures and notifications.
      </p>
      <p>They can also erase you. Then, at once and together:</p>
      <ul>
        <li>your account goes, with its sessions, two-factor sign-in, inbox, calendar link and any links sent to you;</li>
        <li>
          your name on what you wrote becomes “a former member of” your organisation (or “a former member”), and the goals, updates, answers
          and signatures stay, attributed to the organisation;
        </li>
        <li>the audit log keeps what was done, without your name or email address.</li>
      </ul>
      <p>
        Backups the convenor made before an erasure still hold the data until they are replaced. If something here seems wrong, or you are
        not satisfied with the answer, you can complain to the Information Commissioner's Office (ico.org.uk).
      </p>
      <p>
        <Link to="/sign-in">Sign in</Link> · <Link to="/">Back to Convene</Link>
      </p>
    </main>
  );
}

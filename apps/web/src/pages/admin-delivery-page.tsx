/**
 * Admin › Email and delivery: whether email is on, what this server last learned from its mail
 * server, and every delivery that failed with its last error and next try. Failing deliveries
 * are retried with backoff, never dropped; "Retry now" makes them all due at once.
 */
import { useQuery } from "@tanstack/react-query";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { formatDateTime, formatNumber } from "../format.ts";
import { type DeliveryStatus, deliveryStatusQuery, useRetryDeliveries } from "../inbox-queries.ts";

const channelLabels: Record<string, string> = { email: "Email", webhook: "Webhook" };

function EmailState({ status }: { status: DeliveryStatus }) {
  const { email, waiting } = status;
  if (!email.on) {
    return (
      <div className="notice warning-notice" data-testid="email-state">
        <p>
          <strong>Email is off.</strong> No email is sent: people see alerts and other news only in the dashboard.
        </p>
        <p>
          To turn it on, set <code>SMTP_URL</code> and <code>MAIL_FROM</code> where Convene runs, then restart it.{" "}
          {waiting > 0
            ? `${formatNumber(waiting)} ${waiting === 1 ? "email waits" : "emails wait"} and will be sent then.`
            : "Email written before then is kept and sent once it is on."}
        </p>
      </div>
    );
  }
  if (email.error) {
    return (
      <div className="notice warning-notice" data-testid="email-state">
        <p>
          <strong>Email is on, but the mail server cannot be used.</strong>
        </p>
        <p className="delivery-error">{email.error}</p>
        <p>
          {email.checkedAt ? `Last tried ${formatDateTime(email.checkedAt)}. ` : ""}Nothing is lost: changes are saved, and their email
          waits and is tried again until it goes. Check <code>SMTP_URL</code> with whoever runs your mail, then restart Convene or press
          Retry now.
        </p>
      </div>
    );
  }
  return (
    <div className="notice" data-testid="email-state">
      <p>
        <strong>Email is on.</strong>{" "}
        {email.checkedAt ? `The mail server last answered ${formatDateTime(email.checkedAt)}.` : "The mail server has not been tried yet."}
      </p>
    </div>
  );
}

export function AdminDeliveryPage() {
  const status = useQuery(deliveryStatusQuery);
  const retry = useRetryDeliveries();
  const toast = useToast();
  if (status.isLoading) return <SkeletonPage title="Email and delivery" />;
  if (status.error || !status.data) return <ErrorMessage error={status.error} retry={() => status.refetch()} />;
  const s = status.data;
  return (
    <>
      <h1>Email and delivery</h1>
      <section aria-labelledby="email-heading" className="card data-card">
        <h2 id="email-heading">Email</h2>
        <EmailState status={s} />
        <dl className="delivery-counts">
          <div>
            <dt>Waiting to go</dt>
            <dd>{formatNumber(s.waiting)}</dd>
          </div>
          <div>
            <dt>Failing, to be tried again</dt>
            <dd>{formatNumber(s.failingCount)}</dd>
          </div>
          <div>
            <dt>Sent</dt>
            <dd>{formatNumber(s.sent)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="failing-heading" className="card data-card">
        <h2 id="failing-heading">Failing deliveries</h2>
        {s.failing.length === 0 ? (
          <EmptyState title="Nothing is failing.">
            <p>
              A delivery that fails (a mail server that refuses or cannot be reached) appears here with its error and when it will be tried
              again.
            </p>
          </EmptyState>
        ) : (
          <>
            <p>
              Each is tried again later, waiting longer after each failure (up to six hours), until it goes. None is dropped.
              {s.failingCount > s.failing.length
                ? ` The ${s.failing.length} due soonest of ${formatNumber(s.failingCount)} are shown.`
                : ""}
            </p>
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">Deliveries that failed, with their last error and next try</caption>
                <thead>
                  <tr>
                    <th scope="col">By</th>
                    <th scope="col">Tries</th>
                    <th scope="col">Last error</th>
                    <th scope="col">Next try</th>
                    <th scope="col">Waiting since</th>
                  </tr>
                </thead>
                <tbody>
                  {s.failing.map((d) => (
                    <tr key={d.id}>
                      <td data-label="By">{channelLabels[d.channel] ?? d.channel}</td>
                      <td data-label="Tries">{formatNumber(d.attempts)}</td>
                      <td data-label="Last error" className="delivery-error">
                        {d.lastError}
                      </td>
                      <td data-label="Next try">{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : "—"}</td>
                      <td data-label="Waiting since">{formatDateTime(d.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <p>
          <button
            type="button"
            className="button"
            disabled={retry.isPending || s.failingCount === 0}
            onClick={() =>
              retry.mutate(undefined, {
                onSuccess: ({ retried }) =>
                  toast(
                    retried === 1
                      ? "1 delivery is being tried again now."
                      : `${formatNumber(retried)} deliveries are being tried again now.`,
                  ),
              })
            }
          >
            Retry now
          </button>
        </p>
        {retry.error && <ErrorMessage error={retry.error} />}
      </section>
    </>
  );
}

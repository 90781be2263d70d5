/**
 * Admin › Settings: whether email is on, and the group's rest periods. While one runs, nothing but
 * urgent alerts is emailed (the inbox still fills); the convenor declares one (from, to, why) and
 * can end it early.
 */
import { type RestPeriodInput, restPeriodInputSchema } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../api.ts";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { formatDateTime } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { showServerErrors } from "../forms/server-errors.ts";

const restQuery = { queryKey: ["rest-periods"], queryFn: () => call(api.notifications["rest-periods"].$get()) };

export function RestPeriodsSection() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const rests = useQuery(restQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["rest-periods"] });
  const declare = useMutation({
    mutationFn: (value: RestPeriodInput) => call(api.notifications["rest-periods"].$post({ json: value })),
    onSuccess: () => {
      toast("The rest period is declared.");
      form.reset();
      void refresh();
    },
    onError: (error) => showServerErrors(form, error),
  });
  const end = useMutation({
    mutationFn: (id: number) => call(api.notifications["rest-periods"][":id"].end.$post({ param: { id: String(id) } })),
    onSuccess: () => {
      toast("The rest period has ended.");
      void refresh();
    },
  });
  const form = useAppForm({
    defaultValues: { startsAt: "", endsAt: "", reason: "" } as RestPeriodInput,
    validators: { onChange: restPeriodInputSchema },
    onSubmit: ({ value }) => declare.mutate(value),
  });
  return (
    <section aria-labelledby="rest-heading" className="card data-card">
      <h2 id="rest-heading">Email and rest periods</h2>
      {rests.isLoading ? (
        <Skeleton lines={3} />
      ) : rests.error || !rests.data ? (
        <ErrorMessage error={rests.error} retry={() => rests.refetch()} />
      ) : (
        <>
          <p>
            {rests.data.email.on ? (
              <>
                Email is <strong>on</strong>: urgent alerts are emailed at once, the rest in each person’s digest, as they choose.
              </>
            ) : (
              <>
                Email is <strong>off</strong>: no mail server is set up (SMTP_URL and MAIL_FROM), so people are told only in their inbox.
              </>
            )}
          </p>
          <p>During a rest period nothing but urgent alerts is emailed; inboxes still fill, and the rest goes out when it ends.</p>
          {rests.data.current.length === 0 ? (
            <p>No rest period is declared.</p>
          ) : (
            <ul className="plain-list">
              {rests.data.current.map((r) => (
                <li key={r.id}>
                  <strong>
                    {formatDateTime(r.startsAt)} to {formatDateTime(r.endsAt)}
                  </strong>
                  : {r.reason}{" "}
                  <button type="button" className="button secondary small" disabled={end.isPending} onClick={() => end.mutate(r.id)}>
                    End it now<span className="visually-hidden">: {r.reason}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {end.error && <ErrorMessage error={end.error} />}
        </>
      )}
      <h3>Declare a rest period</h3>
      <form.AppForm>
        <form.Form idPrefix="rest" error={declare.error}>
          <form.AppField name="startsAt">{(f) => <f.DateTimeField label="From" />}</form.AppField>
          <form.AppField name="endsAt">{(f) => <f.DateTimeField label="To" />}</form.AppField>
          <form.AppField name="reason">{(f) => <f.TextField label="Why" hint="For example, the summer break" />}</form.AppField>
          <form.SubmitButton label="Declare the rest period" busy={declare.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
  );
}

/**
 * My notification preferences: for each kind, email at once, in a digest or not at all; the
 * digest daily or weekly; quiet hours and days off in my time zone, and whether urgent alerts may
 * break through them. The inbox always fills; these decide only what is emailed, and when.
 */
import {
  deliveryModeLabels,
  deliveryModes,
  type NotificationPreferencesInput,
  notificationKindLabels,
  notificationKinds,
  notificationPreferencesInputSchema,
  weekdayNames,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api, call } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { formatDateTime } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { showServerErrors } from "../forms/server-errors.ts";

export const preferencesQuery = {
  queryKey: ["notification-preferences"],
  queryFn: () => call(api.notifications.preferences.$get()),
};

const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`);
const timeLabels = Object.fromEntries(times.map((t) => [t, t]));
const zones = (() => {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["Europe/London", "UTC"];
  }
})();
// Europe/London first: most of the group is here.
const zoneOptions = ["Europe/London", ...zones.filter((z) => z !== "Europe/London")];
const zoneLabels = Object.fromEntries(zoneOptions.map((z) => [z, z.replaceAll("_", " ")]));
// Monday first, as a British week starts.
const weekdays = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ id: d, name: weekdayNames[d]! }));

export function NotificationPreferencesPage() {
  const stored = useQuery(preferencesQuery);
  if (stored.isLoading) return <SkeletonPage title="Notification preferences" />;
  if (stored.error || !stored.data) return <ErrorMessage error={stored.error} retry={() => stored.refetch()} />;
  const { preferences, version, email, restPeriods } = stored.data;
  const resting = restPeriods.find((r) => Date.parse(r.startsAt) <= Date.now());
  return (
    <>
      <h1>Notification preferences</h1>
      <p className="lede">
        Everything that concerns you appears in your <Link to="/inbox">inbox</Link>. Here you choose what is also emailed to you, and when.
      </p>
      {!email.on && (
        <div className="notice" role="note">
          <p>
            <strong>Email is off.</strong> This Convene has no mail server set up, so nothing is emailed: everything reaches you only in
            your inbox. Your choices are kept and apply once the convenor sets email up.
          </p>
        </div>
      )}
      {resting && (
        <div className="notice" role="note">
          <p>
            <strong>The group is resting until {formatDateTime(resting.endsAt)}</strong> ({resting.reason}). Until then only urgent alerts
            are emailed; the rest waits.
          </p>
        </div>
      )}
      <PreferencesForm key={version} initial={{ ...preferences, version } as NotificationPreferencesInput} />
    </>
  );
}

function PreferencesForm({ initial }: { initial: NotificationPreferencesInput }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: (value: NotificationPreferencesInput) => call(api.notifications.preferences.$put({ json: value })),
    onSuccess: (saved) => {
      queryClient.setQueryData(preferencesQuery.queryKey, (old: typeof saved | undefined) => (old ? { ...old, ...saved } : old));
      toast("Your notification preferences are saved.");
    },
    onError: (error) => showServerErrors(form, error),
  });
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: notificationPreferencesInputSchema },
    onSubmit: ({ value }) => save.mutate(value),
  });
  return (
    <form.AppForm>
      <form.Form error={save.error}>
        <section aria-labelledby="kinds-heading">
          <h2 id="kinds-heading">What is emailed</h2>
          <p>Urgent alerts are emailed at once unless you choose “{deliveryModeLabels.off}” for alerts raised.</p>
          {notificationKinds.map((kind) => (
            <form.AppField key={kind} name={`kinds.${kind}`}>
              {(f) => (
                <f.RadiosField
                  label={notificationKindLabels[kind]}
                  options={deliveryModes.map((m) => ({ value: m, label: deliveryModeLabels[m] }))}
                />
              )}
            </form.AppField>
          ))}
          <form.AppField name="digestFrequency">
            {(f) => (
              <f.RadiosField
                label="How often your digest comes"
                hint="From 08:00 your time: each morning, or on Monday mornings. Nothing new, no digest."
                options={[
                  { value: "weekly", label: "Weekly" },
                  { value: "daily", label: "Daily" },
                ]}
              />
            )}
          </form.AppField>
        </section>
        <section aria-labelledby="quiet-heading">
          <h2 id="quiet-heading">When email may reach you</h2>
          <form.AppField name="timeZone">
            {(f) => <f.ChoiceField label="Your time zone" options={zoneOptions} labels={zoneLabels} />}
          </form.AppField>
          <div className="field-row">
            <form.AppField name="quietFrom">
              {(f) => <f.ChoiceField label="Quiet hours start" options={times} labels={timeLabels} none="No quiet hours" />}
            </form.AppField>
            <form.AppField name="quietTo">
              {(f) => <f.ChoiceField label="Quiet hours end" options={times} labels={timeLabels} none="No quiet hours" />}
            </form.AppField>
          </div>
          <form.AppField name="daysOff">
            {(f) => <f.CheckboxesField label="Days off" hint="No email on these days, all day" records={weekdays} />}
          </form.AppField>
          <form.AppField name="urgentBreaksQuiet">
            {(f) => (
              <f.CheckboxField
                label="Urgent alerts may reach me in quiet hours and on days off"
                hint="Otherwise they wait until your quiet hours end, like everything else"
              />
            )}
          </form.AppField>
        </section>
        <form.SubmitButton label="Save preferences" busy={save.isPending} />
      </form.Form>
    </form.AppForm>
  );
}

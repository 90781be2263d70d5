/** Admin › Settings: the public progress page (off until the convenor turns it on), two-factor sign-in for everyone, and the group's rest periods. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { RestPeriodsSection } from "./rest-periods-section.tsx";

export function AdminSettingsPage() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => call(api.data.settings.$get()) });
  const save = useMutation({
    mutationFn: (enabled: boolean) => call(api.data.settings["public-page"].$put({ json: { enabled } })),
    onSuccess: (s) => {
      queryClient.setQueryData(["settings"], s);
      toast(s.publicPage ? "The public progress page is on." : "The public progress page is off.");
    },
  });
  if (settings.isLoading) return <SkeletonPage title="Settings" />;
  if (settings.error || !settings.data) return <ErrorMessage error={settings.error} retry={() => settings.refetch()} />;
  const on = settings.data.publicPage;
  const address = `${window.location.origin}/public`;
  return (
    <>
      <h1>Settings</h1>
      <section aria-labelledby="public-heading" className="card data-card">
        <h2 id="public-heading">Public progress page</h2>
        <p>
          A read-only page, open to anyone without an account, showing only goals and milestones marked <strong>Public</strong> and their
          progress, so the group can link to it from its website.
        </p>
        <p>
          It is <strong>{on ? "on" : "off"}</strong>.{" "}
          {on ? (
            <>
              Anyone can see it at <a href="/public">{address}</a>.
            </>
          ) : (
            "While it is off, the address shows a page saying there is nothing to see."
          )}
        </p>
        <button type="button" className={on ? "button secondary" : "button"} onClick={() => save.mutate(!on)} disabled={save.isPending}>
          {on ? "Turn the public page off" : "Turn the public page on"}
        </button>
        {save.error && <ErrorMessage error={save.error} />}
      </section>
      <TwoFactorSection required={settings.data.twoFactorForEveryone} />
      <RestPeriodsSection />
    </>
  );
}

/** "Require two-factor sign-in of everyone": the convenor's own account needs it whatever this says. */
function TwoFactorSection({ required }: { required: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation({
    mutationFn: (next: boolean) => call(api.data.settings["two-factor"].$put({ json: { required: next } })),
    onSuccess: (s) => {
      queryClient.setQueryData(["settings"], (old: object | undefined) => ({ ...old, ...s }));
      toast(
        s.twoFactorForEveryone
          ? "Two-factor sign-in is now required of everyone."
          : "Two-factor sign-in is no longer required of everyone.",
      );
    },
  });
  return (
    <section aria-labelledby="two-factor-heading" className="card data-card">
      <h2 id="two-factor-heading">Require two-factor sign-in of everyone</h2>
      <p>
        Two-factor sign-in asks for a code from an authenticator app, or a passkey, as well as a password, so that a stolen password alone
        cannot open an account. The convenor’s account always needs it.
      </p>
      <p>
        It is <strong>{required ? "required of everyone" : "not required of members and observers"}</strong>.{" "}
        {required
          ? "Anyone without it is asked to set it up the next time they open Convene, and can do nothing else until they have."
          : "Members and observers can turn it on for themselves on their account page."}
      </p>
      <button
        type="button"
        className={required ? "button secondary" : "button"}
        onClick={() => save.mutate(!required)}
        disabled={save.isPending}
      >
        {required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in of everyone"}
      </button>
      {save.error && <ErrorMessage error={save.error} />}
    </section>
  );
}

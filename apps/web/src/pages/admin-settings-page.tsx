/** Admin › Settings: the public progress page is off until the convenor turns it on here; email and the group's rest periods. */
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
      <RestPeriodsSection />
    </>
  );
}

/** One page for the three one-time links: first-convenor setup, invitation, password reset. */
import { acceptLinkFormSchema } from "@convene/domain";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useRouterState, useSearch } from "@tanstack/react-router";
import { api, call } from "../api.ts";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { useAppForm } from "../forms/form-kit.tsx";

const titles = { setup: "Set up Convene", invite: "Accept your invitation", reset: "Choose a new password" } as const;

export function LinkPage() {
  const { token } = useSearch({ strict: false }) as { token: string };
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const link = useQuery({
    queryKey: ["link", token],
    queryFn: () => call(api.invitations[":token"].$get({ param: { token } })),
    enabled: token.length >= 10,
    retry: false,
  });

  if (token.length < 10) {
    return (
      <Frame title="This link is incomplete">
        <p>Copy the whole link from the message you were sent, or ask the convenor for a new one.</p>
      </Frame>
    );
  }
  if (link.isLoading)
    return (
      <Frame title="Checking your link…">
        <Skeleton />
      </Frame>
    );
  if (link.error || !link.data) {
    return (
      <Frame title="This link cannot be used">
        <ErrorMessage error={link.error} />
        <p>
          <Link to="/sign-in">Go to sign-in</Link>
        </p>
      </Frame>
    );
  }
  const kind = link.data.kind;
  const expectedPath = kind === "setup" ? "/setup" : kind === "invite" ? "/invitation" : "/reset-password";

  return (
    <Frame title={titles[kind]}>
      {pathname !== expectedPath && <p className="muted">This is a {kind === "invite" ? "invitation" : kind} link.</p>}
      {kind === "setup" && (
        <p>
          No convenor account exists yet. Create it now: it can then invite everyone else. When you sign in, Convene asks you to set up
          two-factor sign-in straight away, so have your phone (or a passkey) ready.
        </p>
      )}
      {kind === "invite" && (
        <p>
          You have been invited to Convene as {link.data.role === "member" ? "a member" : `the ${link.data.role}`} with the email address{" "}
          <strong>{link.data.email}</strong>.
        </p>
      )}
      {kind === "reset" && (
        <p>
          Choose a new password for <strong>{link.data.email}</strong>. You will be signed out everywhere else.
        </p>
      )}
      <LinkForm token={token} kind={kind} name={link.data.name ?? ""} />
    </Frame>
  );
}

/** The new account's name and email (as each link asks) and its password, typed twice. */
function LinkForm({ token, kind, name }: { token: string; kind: keyof typeof titles; name: string }) {
  const navigate = useNavigate();
  const accept = useMutation({
    mutationFn: (json: Parameters<(typeof api.invitations)[":token"]["accept"]["$post"]>[0]["json"]) =>
      call(api.invitations[":token"].accept.$post({ param: { token }, json })),
    // The first convenor must set up two-factor sign-in before anything else: straight there after signing in.
    onSuccess: () => navigate({ to: "/sign-in", search: { redirect: kind === "setup" ? "/set-up-two-factor" : "/" } }),
  });
  const schema = acceptLinkFormSchema(kind);
  const form = useAppForm({
    defaultValues: { name, email: "", password: "", confirm: "" },
    validators: { onChange: schema },
    onSubmit: ({ value }) =>
      accept.mutate({
        password: value.password,
        ...(kind !== "reset" ? { name: value.name.trim() } : {}),
        ...(kind === "setup" ? { email: value.email } : {}),
      }),
  });
  return (
    <form.AppForm>
      <form.Form error={accept.error}>
        {kind !== "reset" && (
          <form.AppField name="name">{(f) => <f.TextField label="Your name" autoComplete="name" maxLength={200} />}</form.AppField>
        )}
        {kind === "setup" && (
          <form.AppField name="email">{(f) => <f.TextField label="Email address" type="email" autoComplete="username" />}</form.AppField>
        )}
        <form.AppField name="password">
          {(f) => (
            <f.TextField
              label="New password"
              hint="At least 10 characters. A few unrelated words make a strong one."
              type="password"
              autoComplete="new-password"
            />
          )}
        </form.AppField>
        <form.AppField name="confirm">
          {(f) => <f.TextField label="Type it again" type="password" autoComplete="new-password" />}
        </form.AppField>
        <form.SubmitButton label={kind === "reset" ? "Save new password" : "Create account"} busy={accept.isPending} />
      </form.Form>
    </form.AppForm>
  );
}

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="narrow-page">
      <p className="brand-large">Convene</p>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

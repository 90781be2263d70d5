/**
 * The step a person is sent to when they must have two-factor sign-in and have none (the API
 * answers 403 two_factor_required): the convenor always, everyone when the convenor requires it.
 * The account page's own set-up pieces, a sentence on why, sign-out, and on to where they were.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Skeleton } from "../components/states.tsx";
import { meQuery } from "../queries.ts";
import { Passkeys } from "./passkeys.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";

/** Only a path inside Convene, so the link cannot send anyone elsewhere. */
export function safeRedirect(target: string | undefined): string {
  return target?.startsWith("/") && !target.startsWith("//") && !target.startsWith("/set-up-two-factor") ? target : "/";
}

export function TwoFactorRequiredPage() {
  const search = useSearch({ strict: false }) as { redirect?: string };
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(meQuery);
  const user = me.data?.user;
  const recheck = () => void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
  const signOut = async () => {
    const { authClient } = await import("../auth-client.ts");
    await authClient.signOut();
    queryClient.clear();
    await navigate({ to: "/sign-in" });
  };
  const done = user !== null && user !== undefined && !user.twoFactorRequired;

  return (
    <main id="main" className="narrow-page">
      <p className="brand-large">Convene</p>
      <h1>Set up two-factor sign-in</h1>
      {!user ? (
        <Skeleton lines={3} />
      ) : (
        <>
          <p>
            {user.role === "convenor"
              ? "The convenor’s account can change everything in Convene, so it needs a second check as well as your password: an authenticator app on your phone, or a passkey."
              : "The convenor asks everyone to have a second check as well as their password, so that a stolen password alone cannot open an account: an authenticator app on your phone, or a passkey."}
          </p>
          {done && (
            <div className="success-box" role="status">
              <p>Two-factor sign-in is set up. Keep your backup codes, if you have just been shown them, before you go on.</p>
              <button type="button" className="button" onClick={() => navigate({ to: safeRedirect(search.redirect) })}>
                Continue to Convene
              </button>
            </div>
          )}
          <TwoFactorSetup email={user.email} onChange={recheck} />
          <Passkeys onChange={recheck} />
          {done ? (
            <p>
              <button type="button" className="link-button" onClick={signOut}>
                Sign out
              </button>
            </p>
          ) : (
            <>
              <h2>Not now</h2>
              <p>
                You cannot use Convene until it is set up.{" "}
                <button type="button" className="link-button" onClick={signOut}>
                  Sign out
                </button>
              </p>
            </>
          )}
        </>
      )}
    </main>
  );
}

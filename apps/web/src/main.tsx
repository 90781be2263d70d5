import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiFailure } from "./api.ts";
import { ToastProvider } from "./components/toast.tsx";
import { makeRouter } from "./router.tsx";
import "./styles.css";

/**
 * The server holds back someone who must have two-factor sign-in and has none (the convenor turned
 * the requirement on, or they removed their last passkey while signed in): wherever that answer
 * comes from, take them to the set-up step, and back here afterwards.
 */
function onApiError(error: unknown) {
  if (!(error instanceof ApiFailure) || error.code !== "two_factor_required") return;
  const here = `${window.location.pathname}${window.location.search}`;
  if (window.location.pathname === "/set-up-two-factor") return;
  void queryClient.invalidateQueries({ queryKey: ["me"] });
  void router.navigate({ to: "/set-up-two-factor", search: { redirect: here } });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not change by asking again; a dropped connection might.
      retry: (count, error) => !(error instanceof ApiFailure && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
const router = makeRouter(queryClient);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);

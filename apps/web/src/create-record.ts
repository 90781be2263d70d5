/**
 * Creating a record from a form page: send it, let every list of its kind refetch, say what
 * happened and open the new record. A refusal stays on the mutation's `error`, which the form kit
 * puts on the fields it names (with the error summary), keeping what was typed.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type NavigateOptions, useNavigate } from "@tanstack/react-router";
import { useToast } from "./components/toast.tsx";

export interface CreateOptions<Input, Created> {
  send: (input: Input) => Promise<Created>;
  /** The first part of the query keys to refetch ("goals" refetches every `["goals", …]`). */
  root: string;
  /** What the toast says once it is saved. */
  saved: string;
  /** Where to go next: the new record's page. */
  open: (created: Created) => NavigateOptions | undefined;
}

export function useCreate<Input, Created>({ send, root, saved, open }: CreateOptions<Input, Created>) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  return useMutation({
    mutationFn: send,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: [root] });
      toast(saved);
      const next = open(created);
      if (next) void navigate(next);
    },
  });
}

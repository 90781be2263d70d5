/**
 * Deleting with a confirmation that says what will be lost, then Undo: the record goes to the
 * bin (the API keeps it) and the toast's Undo brings it back through its restore route.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ConfirmDialog } from "./components/dialog.tsx";
import { ErrorMessage } from "./components/states.tsx";
import { useToast } from "./components/toast.tsx";

export interface SoftDeleteOptions<T> {
  /** The query family to refresh after a delete or a restore: "goals". */
  family: string;
  remove: (item: T) => Promise<unknown>;
  restore: (item: T) => Promise<unknown>;
  /** How the record is named in every message: "the measure “MPs briefed”". */
  name: (item: T) => string;
  /** The dialog's button: "Delete goal". */
  confirmLabel: string;
  /** "remove" for what leaves something else (a measure from its goal); "delete" otherwise. */
  verb?: "delete" | "remove";
  /** What will be lost, in the person's terms, shown before they confirm. */
  lost: (item: T) => React.ReactNode;
  /** After the delete, before the toast (say, leaving the page of a record now gone). */
  onDeleted?: (item: T) => unknown;
  onRestored?: (item: T) => unknown;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function useSoftDelete<T>(options: SoftDeleteOptions<T>) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [target, setTarget] = useState<T | null>(null);
  // The latest options, so an Undo pressed after a re-render still restores with current words.
  const latest = useRef(options);
  latest.current = options;
  const refresh = () => queryClient.invalidateQueries({ queryKey: [latest.current.family] });

  const restore = useMutation({
    mutationFn: (item: T) => latest.current.restore(item),
    onSuccess: async (_res, item) => {
      await refresh();
      await latest.current.onRestored?.(item);
      toast(`${capital(latest.current.name(item))} is back.`);
    },
    onError: (e, item) => toast(`Could not bring back ${latest.current.name(item)}: ${e.message}`),
  });
  const remove = useMutation({
    mutationFn: (item: T) => latest.current.remove(item),
    onSuccess: async (_res, item) => {
      setTarget(null);
      await latest.current.onDeleted?.(item);
      void refresh();
      const done = latest.current.verb === "remove" ? "removed" : "deleted";
      toast(`${capital(latest.current.name(item))} ${done}.`, () => restore.mutate(item));
    },
  });

  return {
    /** Opens the confirmation for this record. */
    ask: (item: T) => {
      remove.reset();
      setTarget(item);
    },
    isPending: remove.isPending,
    dialog: (
      <ConfirmDialog
        open={target !== null}
        title={target === null ? "" : `${options.verb === "remove" ? "Remove" : "Delete"} ${options.name(target)}?`}
        confirmLabel={options.confirmLabel}
        busy={remove.isPending}
        onConfirm={() => target !== null && remove.mutate(target)}
        onCancel={() => setTarget(null)}
      >
        {target !== null && options.lost(target)}
        {remove.error && <ErrorMessage error={remove.error} />}
      </ConfirmDialog>
    ),
  };
}

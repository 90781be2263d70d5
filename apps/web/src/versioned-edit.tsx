/**
 * Saving an edit to a versioned record: only the fields that changed go, with the version they
 * were based on. A 409 (someone else saved first) opens the conflict dialog showing both versions;
 * the saved record is stored in the query cache rather than refetching every list.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ApiFailure } from "./api.ts";
import { type Conflict, ConflictDialog } from "./components/conflict-dialog.tsx";
import { type RecordFamily, storeRecord } from "./record-cache.ts";

type Versioned = { id: number; version: number };
type Fields<P> = Omit<P, "version">;

export interface VersionedEditOptions<R extends Versioned, P extends { version: number }> {
  family: RecordFamily;
  /** Sends one PATCH; resolves to the record as saved. */
  send: (id: number, patch: P) => Promise<R>;
  /** Field → the words the conflict dialog names it by. */
  labels: Partial<Record<keyof Fields<P> & string, string>>;
  /** A field's value as a person reads it (a date in words, a status by its label). */
  show?: (field: string, value: unknown) => string | undefined;
  onSaved?: (record: R, before: R) => void;
  /** A failure other than a conflict, where the edit has no form to show it beside (a drag on a timeline). */
  onFailed?: (error: Error) => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

/** The fields of `next` that differ from `base`. */
export function changedFields<T extends object>(base: object, next: T): Partial<T> {
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(v, (base as Record<string, unknown>)[k]))) as Partial<T>;
}

export function useVersionedEdit<R extends Versioned, P extends { version: number }>(options: VersionedEditOptions<R, P>) {
  const queryClient = useQueryClient();
  // The latest options, read when a save lands, so that `save` itself can stay the same function.
  const latest = useRef(options);
  latest.current = options;
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const mutation = useMutation({
    mutationFn: ({ base, patch }: { base: R; patch: P; onDone?: (record: R) => void }) => options.send(base.id, patch),
    onSuccess: (record, { base, onDone }) => {
      storeRecord(queryClient, options.family, record);
      options.onSaved?.(record, base);
      onDone?.(record);
    },
    onError: (err, { patch, onDone }) => {
      if (!(err instanceof ApiFailure) || err.status !== 409 || !err.details?.current) {
        options.onFailed?.(err);
        return;
      }
      // The 409 carries the record as saved now; the route types only its success answer.
      const current = err.details.current as R;
      const show = (k: string, v: unknown) => options.show?.(k, v) ?? plain(v);
      const { version: _based, ...mine } = patch;
      setConflict({
        differences: Object.entries(mine).map(([k, v]) => ({
          field: options.labels[k as keyof typeof options.labels] ?? k,
          mine: show(k, v),
          theirs: show(k, (current as Record<string, unknown>)[k]),
        })),
        keepTheirs: () => {
          setConflict(null);
          mutation.reset();
          storeRecord(queryClient, options.family, current);
        },
        useMine: () => {
          setConflict(null);
          mutation.mutate({ base: current, patch: { ...patch, version: current.version }, ...(onDone ? { onDone } : {}) });
        },
      });
    },
  });

  /**
   * Saves what differs between the record as loaded (`base`) and the values now; nothing changed,
   * nothing sent. `also` adds fields to send even if unchanged; `onDone` runs once this save lands.
   */
  const { mutate } = mutation;
  const save = useCallback(
    (base: R, values: Partial<Fields<P>>, { also, onDone }: { also?: Partial<Fields<P>>; onDone?: (record: R) => void } = {}) => {
      const changed = { ...changedFields(base, values), ...also };
      if (Object.keys(changed).length === 0) {
        latest.current.onSaved?.(base, base);
        onDone?.(base);
        return;
      }
      // `changed` holds only fields of P; with the version it is a whole PATCH body.
      mutate({ base, patch: { ...changed, version: base.version } as P, ...(onDone ? { onDone } : {}) });
    },
    [mutate],
  );

  const error = conflict || (mutation.error instanceof ApiFailure && mutation.error.status === 409) ? null : mutation.error;
  return {
    save,
    isPending: mutation.isPending,
    /** The failure to show beside the form; a conflict shows in its dialog instead. */
    error,
    dialog: <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />,
  };
}

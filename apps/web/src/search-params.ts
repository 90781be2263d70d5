/**
 * Reading a URL's search parameters for the router, as plain functions. The router holds every
 * route, so whatever its validators import loads on every page, the sign-in page included; zod
 * here cost every first visit about 24 KiB gzipped for a handful of numbers and choices. A value
 * that does not read as its parameter is dropped, as a pasted link with a stale filter should be.
 */
import { isCalendarDate } from "@convene/domain/dates";

type Reader<T> = (value: unknown) => T | undefined;

/** The router parses `?cycle=3` to the number 3 and `?cycle=x` to the string "x"; both arrive here. */
const asNumber = (value: unknown) =>
  typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;

export const positiveWhole: Reader<number> = (value) => {
  const n = asNumber(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export const wholeBetween =
  (min: number, max: number): Reader<number> =>
  (value) => {
    const n = asNumber(value);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };

export const text: Reader<string> = (value) => (typeof value === "string" ? value : undefined);

export const flag: Reader<boolean> = (value) => (typeof value === "boolean" ? value : undefined);

export const calendarDay: Reader<string> = (value) => (typeof value === "string" && isCalendarDate(value) ? value : undefined);

export const oneOf =
  <T extends string>(choices: readonly T[]): Reader<T> =>
  (value) =>
    choices.find((c) => c === value);

/** A list's order as the API writes it, "title.asc" or "dueDate.desc", over the given columns. */
export const sortOf =
  (keys: readonly string[]): Reader<string> =>
  (value) => {
    if (typeof value !== "string") return undefined;
    const [key, dir, ...rest] = value.split(".");
    return rest.length === 0 && keys.includes(key ?? "") && (dir === "asc" || dir === "desc") ? value : undefined;
  };

/**
 * A route's `validateSearch` from one reader per parameter: `searchOf({ cycle: positiveWhole })`
 * reads `{ cycle?: number }`, leaving out what is missing or does not read. Give it a name of its
 * own outside `createRoute({…})`: written inline, TypeScript infers the readers from the route's
 * expected type instead of from the argument, and the route loses every parameter's type.
 */
export function searchOf<R extends Record<string, Reader<unknown>>>(readers: R) {
  type Read = { [K in keyof R]?: R[K] extends Reader<infer T> ? T : never };
  return (search: Record<string, unknown>): Read => {
    const read: Record<string, unknown> = {};
    for (const [key, reader] of Object.entries(readers)) {
      const value = reader(search[key]);
      if (value !== undefined) read[key] = value;
    }
    return read as Read;
  };
}

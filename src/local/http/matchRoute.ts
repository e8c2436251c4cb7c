/** @module The gateway's route table lookup: a path's route (exact or by prefix) and the path below it. */

export interface Route<T> {
  /** `/auth/v1` matches `/auth/v1` and `/auth/v1/...`; with `exact`, only the path itself */
  path: string;
  exact?: boolean;
  target: T;
}

/** The first route of `table` matching `pathname`, with the path below its prefix (`/` at least). */
export function matchRoute<T>(table: readonly Route<T>[], pathname: string): { target: T; path: string } | undefined {
  for (const route of table) {
    if (pathname === route.path) return { target: route.target, path: '/' };
    if (!route.exact && pathname.startsWith(route.path) && pathname.charCodeAt(route.path.length) === 47 /* / */) {
      return { target: route.target, path: pathname.slice(route.path.length) };
    }
  }
  return undefined;
}

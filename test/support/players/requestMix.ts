/** @module Test support: the request mix of a run: requests and rejections per request name, and shares. */

export interface RequestMix {
  record(name: string, status: number): void;
  /** requests of `name` / all gameplay requests */
  share(name: string): number;
  /** rejected requests (status ≥ 400) / all gameplay requests */
  rejectedShare(): number;
  count(name: string): number;
  total(): number;
}

/** A mix that counts only the gameplay RPCs (the per-worker and per-session requests depend on the harness). */
export function createRequestMix(): RequestMix {
  const sent = new Map<string, number>();
  let rejected = 0;
  let total = 0;
  return {
    record(name, status) {
      if (!name.startsWith('rpc_')) return;
      sent.set(name, (sent.get(name) ?? 0) + 1);
      total += 1;
      if (status >= 400) rejected += 1;
    },
    share: (name) => (total === 0 ? 0 : (sent.get(name) ?? 0) / total),
    rejectedShare: () => (total === 0 ? 0 : rejected / total),
    count: (name) => sent.get(name) ?? 0,
    total: () => total,
  };
}

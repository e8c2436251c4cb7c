/**
 * @module What a run records about the hosted platform's limits (`run-meta.json` `platformLimits`):
 * the Auth rate limits the embedded stack enforced, or the ones the pre-flight expected of a remote
 * project, with the pre-flight's planned peaks. The report's Platform limits panel shows them.
 */
import { z } from 'zod';

export const platformLimitsSchema = z.object({
  /** `embedded stack`: the stack enforced the limits; `remote project`: the pre-flight assumed them */
  source: z.enum(['embedded stack', 'remote project']),
  /** the Auth rate limits in spec form (`web3=30/5m,refresh=150/5m,burst=30`, `off`) */
  authRateLimits: z.string(),
  /** the pre-flight's plan for one source IP (remote targets) */
  preflight: z
    .object({
      /** length of the window the peaks are counted in */
      windowSeconds: z.number(),
      /** most web3 sign-ins the plan sends from one source IP within one window */
      web3SignIns: z.number(),
      /** most refreshes the plan sends from one source IP within one window */
      refreshes: z.number(),
      /** the limits the plan exceeds, as `web3` / `refresh` */
      exceeded: z.array(z.enum(['web3', 'refresh'])),
    })
    .optional(),
});
export type PlatformLimits = z.infer<typeof platformLimitsSchema>;

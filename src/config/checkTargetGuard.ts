/**
 * @module The production guard: load goes to loopback freely; any other host must be listed in
 * SIM_ALLOWED_TARGETS or typed out in SIM_CONFIRM_TARGET / --confirm-target, and `-e production`
 * always needs the confirmation. Checked before anything is sent.
 */
import { ConfigError } from '../errors/index.ts';

const LOOPBACK = /^(localhost|.*\.localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/** True for hosts that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

export interface TargetGuardInput {
  /** base URL of the target */
  targetUrl: string;
  /** Artillery environment (`local`, `staging`, `production`) */
  environment: string | undefined;
  allowedTargets: readonly string[];
  /** SIM_CONFIRM_TARGET or --confirm-target */
  confirmTarget: string | undefined;
  /** where the confirmation can be given, for the error message */
  confirmHint?: string;
}

/**
 * Throws a ConfigError (exit code 2) unless the target may receive load. The confirmation must
 * equal the target's host name (or host:port), so a confirmation for one project does not cover another.
 */
export function checkTargetGuard(input: TargetGuardInput): void {
  let url: URL;
  try {
    url = new URL(input.targetUrl);
  } catch {
    throw new ConfigError('SUPABASE_URL', `is not a URL (got "${input.targetUrl}")`);
  }
  const host = url.hostname.toLowerCase();
  const hostPort = url.host.toLowerCase();
  const production = input.environment === 'production';
  const listed = input.allowedTargets.some((entry) => [host, hostPort].includes(entry.toLowerCase()));
  if (!production && (isLoopbackHost(host) || listed)) return;
  const confirmed =
    input.confirmTarget !== undefined && [host, hostPort].includes(input.confirmTarget.trim().toLowerCase());
  if (confirmed) return;
  const why = production ? 'it runs with -e production' : 'it is neither loopback nor listed in SIM_ALLOWED_TARGETS';
  const how = input.confirmHint ?? `SIM_CONFIRM_TARGET=${host}`;
  const mismatch = input.confirmTarget
    ? ` (SIM_CONFIRM_TARGET/--confirm-target is "${input.confirmTarget}", not the target host)`
    : '';
  throw new ConfigError(
    'SIM_CONFIRM_TARGET',
    `refusing to send load to ${host} because ${why}; confirm by typing the host out: ${how}${mismatch}`,
  );
}

/**
 * @module The early-stop rule of a run whose players cannot sign in: when every sign-in of the first
 * players failed with one and the same server message (a SIWE URI the project does not allow, a
 * wrong anon key), more of the same teaches nothing, so the run stops with that message.
 */
import { SERVER_MESSAGE_PREFIX } from '../../gameplay/responseCounters.ts';

/** The sign-in request of the player flows (artillery.yml). */
const SIGN_IN_REQUEST = 'auth_web3';
/** How many first players must all have failed before the run stops. */
const FIRST_PLAYERS = 5;

/**
 * The reason to stop, or undefined: no sign-in succeeded yet, at least `min(5, players)` failed,
 * all with the same message. `totals` are the run's counters so far.
 */
export function signInFailureStop(
  totals: Readonly<Record<string, number>>,
  players: number | undefined,
): string | undefined {
  if ((totals['rocket.wallet_authenticated'] ?? 0) > 0) return undefined;
  const prefix = `${SERVER_MESSAGE_PREFIX}${SIGN_IN_REQUEST}.`;
  const messages = Object.entries(totals).filter(([key, count]) => key.startsWith(prefix) && count > 0);
  if (messages.length !== 1) return undefined;
  const [key, count] = messages[0]!;
  const needed = Math.max(1, Math.min(FIRST_PLAYERS, players ?? FIRST_PLAYERS));
  if (count < needed) return undefined;
  return `every sign-in failed with the same answer: ${key.slice(prefix.length)} (${count} sign-ins, none succeeded)`;
}

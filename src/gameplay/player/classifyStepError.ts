/**
 * @module What an error answer to one of the player's requests means: the gameplay RPCs by their
 * benign texts (`classifyRpcError`), the user check's 401/403 as "sign in again", every other
 * request's error as a failure by status (429 rate limited).
 */
import { classifyHttpError, classifyRpcError, failureKindOf, type RpcErrorOutcome } from '../classifyRpcError.ts';
import { steps } from './steps.ts';

/** The outcome of error `status`/`message` to request `name`. */
export function classifyStepError(name: string, status: number, message: string): RpcErrorOutcome {
  const rpc = steps[name]?.rpc;
  if (rpc) return classifyRpcError(rpc, { status, message });
  // only the user check's 401/403 means "this session is gone"; elsewhere a 4xx is a failure
  if (name === 'auth_user') return classifyHttpError({ status, message }, { forbiddenMeansReauth: true });
  return { outcome: 'failure', kind: failureKindOf(status), message };
}

/** @module What every REST endpoint handler receives: the shared context and the negotiated request. */
import type { LocalRequest } from '../http/types.ts';
import type { MediaChoice } from './negotiate.ts';
import type { Preferences } from './parsePrefer.ts';
import type { RequestAuth } from './resolveAuth.ts';
import type { TransactionContext } from './runTransaction.ts';

export interface RestContext extends TransactionContext {
  /** row cap for reads and set-returning RPCs (`db-max-rows`) */
  maxRows: number | undefined;
}

export interface RequestState {
  request: LocalRequest;
  auth: RequestAuth;
  schema: string;
  /** true when the schema came from a profile header: echoed as `Content-Profile` */
  byProfile: boolean;
  media: MediaChoice;
  preferences: Preferences;
}

/** Headers every successful response carries. */
export function baseHeaders(state: RequestState): Record<string, string> {
  return state.byProfile ? { 'content-profile': state.schema } : {};
}

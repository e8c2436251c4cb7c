/**
 * @module What a response to one of the player's requests changes: a success runs the step's
 * `onSuccess` (an unreadable body is an invalid response); an error answer is a benign rejection,
 * a reason to sign in again, a retry of an idempotent call after a 5xx, or a counted failure.
 */
import { errorMessageOf } from '../classifyRpcError.ts';
import { rejectedCounter, serverMessageCounter } from '../responseCounters.ts';
import { classifyStepError } from './classifyStepError.ts';
import { endCycleEarly } from './Cycle.ts';
import type { StepContext, StepDefinition } from './steps.ts';
import type { VirtualPlayer } from './VirtualPlayer.ts';

/** Applies the answer `status`/`bodyText` to request `name` of `vp` (whose player is seated). */
export function handleStepResponse(
  vp: VirtualPlayer,
  ctx: StepContext,
  step: StepDefinition,
  name: string,
  status: number,
  bodyText: string,
): void {
  const { metrics, log, player } = ctx;
  if (status >= 200 && status < 300) {
    try {
      step.onSuccess(ctx, step.readsBody && bodyText.trim() !== '' ? JSON.parse(bodyText) : undefined);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      metrics.counter('rocket.failure.invalid_response');
      endCycleEarly(vp.cycle, 'failure', `${name}: ${message}`);
    }
    return;
  }
  const message = errorMessageOf(status, bodyText);
  const outcome = classifyStepError(name, status, message);
  // per request: benign rejections apart from the server's other messages (report, early stop)
  metrics.counter(outcome.outcome === 'benign' ? rejectedCounter(name) : serverMessageCounter(name, status, message));
  if (name === 'auth_refresh') {
    // an unusable refresh token: sign in again right away (auth_web3 follows in the same cycle)
    player.session = undefined;
    metrics.counter('rocket.refresh_failed');
    log.info({ event: 'token_refresh_failed', wallet: player.wallet, status, message });
    return;
  }
  if (outcome.outcome === 'benign') {
    metrics.counter(`rocket.benign.${outcome.reason}`);
    step.onBenign?.(ctx, outcome.reason);
    return;
  }
  if (outcome.outcome === 'reauth') {
    player.session = undefined;
    metrics.counter('rocket.reauth_required');
    endCycleEarly(vp.cycle, 'reauth', `${name}: ${message}`);
    return;
  }
  if (step.retryable && status >= 500 && !vp.cycle.retried.has(name)) {
    vp.cycle.retryRequested = name;
    metrics.counter('rocket.retry');
    return;
  }
  metrics.counter(`rocket.failure.${outcome.kind}`);
  log.debug({ event: 'request_failed', wallet: player.wallet, request: name, status, message });
  if (!step.nonCritical) endCycleEarly(vp.cycle, 'failure', `${name}: ${message}`);
}

/** @module The metric names the report reads: Artillery built-ins, metrics-by-endpoint keys and rocket.* counters. */
import { REJECTED_PREFIX, SERVER_MESSAGE_PREFIX } from '../gameplay/responseCounters.ts';

/** Gameplay outcome counters, in the order the report lists and charts them. */
export const outcomeCounters = [
  { key: 'rocket.wallet_authenticated', label: 'sign-ins' },
  { key: 'rocket.faucet_claimed', label: 'faucet claims' },
  { key: 'rocket.box_opened', label: 'boxes opened' },
  { key: 'rocket.auction_submitted', label: 'auction submissions' },
  { key: 'rocket.auction_bid', label: 'bids' },
] as const;

export const reportMetrics = {
  requests: 'http.requests',
  responses: 'http.responses',
  responseTime: 'http.response_time',
  vusersCreated: 'vusers.created',
  vusersCompleted: 'vusers.completed',
  vusersFailed: 'vusers.failed',
  vusersSkipped: 'vusers.skipped',
  cycleError: 'rocket.cycle_error',
  /** `http.codes.<status>` */
  codePrefix: 'http.codes.',
  /** `errors.<code or message>` */
  errorPrefix: 'errors.',
  /** `rocket.benign.<reason>` */
  benignPrefix: 'rocket.benign.',
  /** `rocket.failure.<kind>` */
  failurePrefix: 'rocket.failure.',
  /** `rocket.rejected.<request>`: benign rejections per request */
  rejectedPrefix: REJECTED_PREFIX,
  /** `rocket.message.<request>.<status>: <text>`: the server's messages per request */
  serverMessagePrefix: SERVER_MESSAGE_PREFIX,
  /** metrics-by-endpoint's default `metricsNamespace` */
  endpointNamespace: 'plugins.metrics-by-endpoint.',
} as const;

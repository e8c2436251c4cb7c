/**
 * @module Per-request counters of the error responses players get, for the report's failure tables
 * and the run's early stop: benign rejections by request (`rocket.rejected.<request>`) and the
 * server's messages of every other error response (`rocket.message.<request>.<status>: <text>`).
 * Messages are normalised (numbers, hex and UUIDs masked, at most 120 characters) and capped per
 * request, so a chatty server cannot flood the metrics.
 */

export const REJECTED_PREFIX = 'rocket.rejected.';
export const SERVER_MESSAGE_PREFIX = 'rocket.message.';
/** Distinct messages counted per request and worker thread; the rest are counted together. */
const MAX_MESSAGES_PER_REQUEST = 20;
const OTHER_MESSAGES = '(other messages)';

const seen = new Map<string, Set<string>>();

/** The counter of one benign rejection of `request`. */
export function rejectedCounter(request: string): string {
  return `${REJECTED_PREFIX}${request}`;
}

/** `400: invalid  SIWE  message for 0xab…` → `400: invalid SIWE message for <hex>`. */
export function normaliseServerMessage(status: number, message: string): string {
  const text = message
    .replace(/\s+/g, ' ')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/0x[0-9a-f]+/gi, '<hex>')
    .replace(/\d+(\.\d+)?/g, '#')
    .trim();
  const shown = text.length > 120 ? `${text.slice(0, 119)}…` : text;
  return `${status}: ${shown}`;
}

/** The counter of one error response of `request` with the server's `message`. */
export function serverMessageCounter(request: string, status: number, message: string): string {
  const text = normaliseServerMessage(status, message);
  const known = seen.get(request) ?? new Set<string>();
  seen.set(request, known);
  if (!known.has(text)) {
    if (known.size >= MAX_MESSAGES_PER_REQUEST) return `${SERVER_MESSAGE_PREFIX}${request}.${OTHER_MESSAGES}`;
    known.add(text);
  }
  return `${SERVER_MESSAGE_PREFIX}${request}.${text}`;
}

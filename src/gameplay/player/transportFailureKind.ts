/** @module What kind of transport error ended a virtual user: a timeout or any other network error. */

/** `timeout` for ETIMEDOUT/ESOCKETTIMEDOUT or a message that says timeout; `network` otherwise. */
export function transportFailureKind(error: unknown): 'network' | 'timeout' {
  const code = (error as { code?: unknown })?.code;
  return code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timeout/i.test(String((error as Error)?.message))
    ? 'timeout'
    : 'network';
}

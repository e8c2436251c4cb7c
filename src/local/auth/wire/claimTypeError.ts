/**
 * @module Which access-token claims GoTrue refuses by their JSON type: it decodes the claims into
 * its `AccessTokenClaims` struct, so a validly signed token whose `sub` is a number, say, is refused
 * (403 `bad_jwt`) even with a valid signature.
 */

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The struct's fields whose JSON type can be wrong, with the type GoTrue declares. */
const CLAIM_TYPES: Record<string, { type: string; accepts: (value: unknown) => boolean }> = {
  ...Object.fromEntries(
    ['iss', 'sub', 'jti', 'email', 'phone', 'role', 'aal', 'session_id', 'client_id', 'scope'].map((name) => [
      name,
      { type: 'string', accepts: (value: unknown) => typeof value === 'string' },
    ]),
  ),
  is_anonymous: { type: 'bool', accepts: (value) => typeof value === 'boolean' },
  app_metadata: { type: 'object', accepts: isObject },
  user_metadata: { type: 'object', accepts: isObject },
};

/** The first claim (in token order) whose JSON type GoTrue's struct refuses, or undefined; null is allowed. */
export function claimTypeError(claims: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(claims)) {
    const claim = CLAIM_TYPES[name];
    if (claim && value !== null && !claim.accepts(value)) return `the ${name} claim must be a JSON ${claim.type}`;
  }
  return undefined;
}

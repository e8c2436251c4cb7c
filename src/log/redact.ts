/** @module Secret scrubbing for everything rocket-sim writes: logs, errors, reports. */

const REDACTED = '[REDACTED]';

/** Key names whose values are always secret, whatever they look like (compared lower-case). */
const SECRET_KEYS = new Set([
  'privatekey',
  'private_key',
  'privatekeys',
  'secret',
  'jwtsecret',
  'jwt_secret',
  'apikey',
  'authorization',
  'signature',
  'p_signature',
  'signed_message',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'token',
  'jwt',
  'servicerolekey',
  'service_role_key',
  'servicekey',
  'anonkey',
  'encryptionkey',
  'encryption_key',
  'private_key_ciphertext',
  'password',
  'cookie',
  'set-cookie',
]);

/**
 * Patterns of secret-looking values: JWTs, 32-byte-or-longer hex strings (private keys,
 * signatures; wallet addresses are 20 bytes and stay readable) and Supabase secret keys.
 */
const SECRET_PATTERN =
  /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*|0x[0-9a-fA-F]{64,}|sb_secret_[A-Za-z0-9_-]+/g;

/** Values registered at start-up (encryption keys, service keys) that have no recognisable shape. */
const registered = new Set<string>();

/** Registers a secret value so that every later redaction removes it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) registered.add(value);
}

/** Replaces every secret in a string with `[REDACTED]`. */
export function redactString(text: string): string {
  let out = text.replace(SECRET_PATTERN, REDACTED);
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep copy of a JSON-like value with secret keys and secret-looking strings redacted. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactString(value.message), ...('code' in value ? { code: value.code } : {}) };
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key.toLowerCase()) && inner != null && inner !== '' ? REDACTED : redactDeep(inner, depth + 1);
  }
  return out;
}

/** @module API keys of the local stack: the well-known `supabase start` defaults, or keys derived from a custom secret. */
import { createHmac } from 'node:crypto';
import type { JwtService } from './jwt.ts';

/** The JWT secret every `supabase start` uses; with it, existing local `.env` files work unchanged. */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

const DEFAULT_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const DEFAULT_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
const DEFAULT_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
const DEFAULT_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export interface ApiKeys {
  /** legacy JWT anon key */
  anonKey: string;
  /** legacy JWT service-role key */
  serviceRoleKey: string;
  /** `sb_publishable_...` key, accepted wherever the anon key is */
  publishableKey: string;
  /** `sb_secret_...` key, accepted wherever the service-role key is */
  secretKey: string;
}

/**
 * The four keys for a JWT secret. With the default secret these are exactly the keys
 * `supabase start` prints; otherwise JWT keys are signed like them and `sb_` keys derived by HMAC.
 */
export async function createApiKeys(secret: string, jwt: JwtService): Promise<ApiKeys> {
  if (secret === DEFAULT_JWT_SECRET) {
    return {
      anonKey: DEFAULT_ANON_KEY,
      serviceRoleKey: DEFAULT_SERVICE_ROLE_KEY,
      publishableKey: DEFAULT_PUBLISHABLE_KEY,
      secretKey: DEFAULT_SECRET_KEY,
    };
  }
  const derive = (label: string) => createHmac('sha256', secret).update(label).digest('base64url').slice(0, 31);
  return {
    anonKey: await jwt.sign({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 }),
    serviceRoleKey: await jwt.sign({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }),
    publishableKey: `sb_publishable_${derive('publishable')}`,
    secretKey: `sb_secret_${derive('secret')}`,
  };
}

/** Maps an `apikey` value to its role, or undefined when it is not one of the stack's keys. */
export function roleOfApiKey(keys: ApiKeys, value: string | undefined): 'anon' | 'service_role' | undefined {
  if (value === keys.anonKey || value === keys.publishableKey) return 'anon';
  if (value === keys.serviceRoleKey || value === keys.secretKey) return 'service_role';
  return undefined;
}

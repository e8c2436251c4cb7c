/** @module The emulated Supabase Auth (GoTrue) of the local stack. */
export { createAuthHandler } from './createAuthHandler.ts';

/** @module The client side of Supabase web3 (SIWE) sign-in. */
export { web3SignInBody } from './web3SignInBody.ts';

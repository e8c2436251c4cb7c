/** @module The client side of Supabase web3 (SIWE) sign-in. */
export { createSiweMessage, type SiweMessageParams } from './createSiweMessage.ts';
export { randomNonce } from './randomNonce.ts';
export { web3SignInBody, type Web3SignInBody } from './web3SignInBody.ts';

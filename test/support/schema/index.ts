export { callRpc, callRpcText, callRpcTextIn } from './callRpc.ts';
export { createWeb3User, labelAddress, type Web3User } from './createWeb3User.ts';
export { dbErrorOf } from './dbErrorOf.ts';
export { expireRoundPhase } from './expireRoundPhase.ts';
export { faucetClaimArgs } from './faucetClaimArgs.ts';
export { openSchemaDatabase } from './openSchemaDatabase.ts';
export { userCaller, withRole, type Caller } from './withRole.ts';
export type { BidResult, BoxResult, FaucetResult, Part } from './rpcResults.ts';

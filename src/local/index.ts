export { parseFaultSpec, NO_FAULTS } from './faults.ts';
export { DEFAULT_JWT_SECRET } from './keys.ts';
export type { AuctionCadence, AuctionTicker } from './createAuctionTicker.ts';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './startLocalStack.ts';

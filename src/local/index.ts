export { parseFaultSpec, NO_FAULTS } from './faults.ts';
export { DEFAULT_JWT_SECRET } from './keys.ts';
export { startLocalStack, type AuctionCadence, type LocalStack, type LocalStackOptions } from './startLocalStack.ts';

export { parseFaultSpec, NO_FAULTS, type FaultKind, type FaultSpec } from './faults.ts';
export { DEFAULT_JWT_SECRET } from './keys.ts';
export {
  startLocalStack,
  stackMigrationFolders,
  type AuctionCadence,
  type LocalStack,
  type LocalStackOptions,
} from './startLocalStack.ts';

/** @module A simulated player's cycle, independent of Artillery. */
export {
  createPlayerRuntime,
  loadPlayerRuntime,
  type PlayerRuntime,
  type RuntimeDeps,
  type SourceFactory,
  type VirtualPlayer,
} from './createPlayerRuntime.ts';
export { newCycle, type ActiveAuction, type BuiltRequest, type Cycle } from './Cycle.ts';
export { createPlayer, type Player } from './Player.ts';
export { resolvePlayerSettings, scenarioVariableNames, type PlayerSettings } from './resolvePlayerSettings.ts';
export { refreshDueAt, sessionFromTokenResponse, walletHintsOfUser, type Session } from './session.ts';
export {
  planBid,
  planBoxOpen,
  steps,
  type BoxTierCache,
  type EthLockRows,
  type Metrics,
  type StepContext,
  type StepDefinition,
} from './steps.ts';
export { createPoolSeats, poolEthLockRows, walletSources } from './walletSources.ts';

/** @module A simulated player's cycle, independent of Artillery. */
export { loadPlayerRuntime, type PlayerRuntime, type VirtualPlayer } from './createPlayerRuntime.ts';
export type { Metrics } from './steps.ts';

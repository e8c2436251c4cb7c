export {
  loadSimConfig,
  readVariable,
  requireEncryptionKey,
  requireServiceKey,
  requireTarget,
  requireWalletSource,
  type Env,
  type SimConfig,
  type WalletSource,
} from './loadSimConfig.ts';
export { variables, type VariableName, type VariableSpec } from './variables.ts';
export { checkTargetGuard } from './checkTargetGuard.ts';
export {
  AUTH_RATE_LIMITS_OFF,
  HOSTED_AUTH_RATE_LIMITS,
  parseAuthRateLimits,
  type AuthRateLimit,
  type AuthRateLimits,
} from './parseAuthRateLimits.ts';
export { formatAuthRateLimit } from './formatAuthRateLimit.ts';
export { formatAuthRateLimits } from './formatAuthRateLimits.ts';

export {
  loadSimConfig,
  readVariable,
  readVariables,
  requireEncryptionKey,
  requireServiceKey,
  requireTarget,
  requireWalletSource,
  type Env,
  type SimConfig,
  type VariableSources,
  type WalletSource,
} from './loadSimConfig.ts';
export { variables, type VariableName, type VariableSpec, type VariableValues } from './variables.ts';
export { checkTargetGuard, isLoopbackHost, type TargetGuardInput } from './checkTargetGuard.ts';

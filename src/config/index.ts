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

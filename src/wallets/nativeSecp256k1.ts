/**
 * @module libsecp256k1 through the `secp256k1` package's prebuilt N-API binding: ~10x the signing
 * rate of pure-JavaScript secp256k1 on the machines this suite runs on (a load generator signs a
 * SIWE message per sign-in and a faucet message per claim). Optional: when the binding cannot load
 * (an unsupported platform), callers fall back to viem.
 */
import { createRequire } from 'node:module';

export interface NativeSecp256k1 {
  ecdsaSign(message32: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number };
  publicKeyCreate(privateKey: Uint8Array, compressed: boolean): Uint8Array;
}

let loaded: NativeSecp256k1 | null | undefined;

/** The native binding, or undefined when it is not available here. */
export function nativeSecp256k1(): NativeSecp256k1 | undefined {
  if (loaded === undefined) {
    try {
      // `secp256k1/bindings` is the native-only entry (the package's default falls back to elliptic)
      loaded = createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp256k1;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

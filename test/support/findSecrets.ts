/** @module Test support: finds secret values (and anything JWT-shaped) in text a command wrote. */

/** A JWT: two base64url JSON segments and a signature (`eyJ` is base64 of `{"`). */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\./;

/**
 * Labels of the secrets that occur in `text`, compared case-insensitively; a `0x` hex value is also
 * looked for without its prefix. Any JWT-shaped string is reported as `a JWT`. Labels, not values,
 * so a failing assertion does not print the secret again.
 */
export function findSecrets(text: string, secrets: Readonly<Record<string, string>>): string[] {
  const haystack = text.toLowerCase();
  const found = Object.entries(secrets)
    .filter(([, value]) => {
      const needle = value.toLowerCase();
      const variants = needle.startsWith('0x') ? [needle, needle.slice(2)] : [needle];
      return variants.some((variant) => variant.length >= 8 && haystack.includes(variant));
    })
    .map(([label]) => label);
  if (JWT_SHAPE.test(text)) found.push('a JWT');
  return found;
}

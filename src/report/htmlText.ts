/** @module The one way report text reaches HTML: secrets redacted, then every markup character escaped. */
import { redactString } from '../log/index.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Redacts secrets from any value's text and escapes it for HTML element content and quoted
 * attribute values alike.
 */
export function htmlText(value: unknown): string {
  return redactString(String(value)).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

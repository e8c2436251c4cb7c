/** @module The `sub` and `session_id` claims read as GoTrue reads them (gofrs/uuid's `uuid.FromString`). */

const HEX32 = '[0-9a-fA-F]{32}';
const CANONICAL = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ACCEPTED = new RegExp(
  `^(?:${CANONICAL}|${HEX32}|\\{(?:${CANONICAL}|${HEX32})\\}|urn:uuid:(?:${CANONICAL}|${HEX32}))$`,
);

/**
 * Parses the forms gofrs/uuid accepts (canonical, 32 hex digits, braced, `urn:uuid:` prefixed)
 * and returns the canonical lower-case form; undefined when Go would fail.
 */
export function parseUuid(text: string): string | undefined {
  if (!ACCEPTED.test(text)) return undefined;
  const hex = text
    .replace(/^urn:uuid:/, '')
    .replace(/[{}-]/g, '')
    .toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

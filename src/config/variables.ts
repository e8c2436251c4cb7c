/**
 * @module The registry of every environment variable rocket-sim reads: name, legacy aliases,
 * default, parser and documentation. `loadSimConfig` validates against it and
 * `docs/configuration.md` is checked against it by a test.
 */
import { z } from 'zod';
import { isHttpUrl, normalizeBaseUrl } from './baseUrl.ts';
import { parseBoolean } from './parseBoolean.ts';
import { parseAuthRateLimits } from './parseAuthRateLimits.ts';
import { PUBLISH_METRICS_FORMAT, parsePublishMetrics, type PublishMetricsSpec } from './parsePublishMetrics.ts';

/** How a raw string becomes a typed value; `message` names the rule for error texts. */
export interface VariableSpec<T> {
  /** canonical name */
  name: string;
  /** older names still read, in precedence order after `name` (legacy worker compatibility) */
  aliases?: readonly string[];
  /** default as the raw string a user would write, parsed like user input; absent = unset */
  default?: string;
  /** one-line meaning, used in docs/configuration.md */
  doc: string;
  /** the value is a secret: never echoed in error messages, registered with the redactor */
  secret?: boolean;
  /** the legacy worker read this variable (same name, meaning and default) */
  legacy?: boolean;
  schema: z.ZodType<T, string>;
}

/** An integer in [min, max]; also the bounds of scenario variables without a `SIM_*` twin. */
export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((raw) => /^-?\d+$/.test(raw), { message: `must be an integer between ${min} and ${max}` })
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, {
      message: `must be an integer between ${min} and ${max}`,
    });

/** A number in [min, max] (or (min, max]); also the bounds of scenario variables without a `SIM_*` twin. */
export const decimal = (min: number, max: number, { exclusiveMin = false } = {}) =>
  z
    .string()
    .trim()
    .refine((raw) => /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw), {
      message: `must be a number ${exclusiveMin ? 'greater than' : 'between'} ${min}${exclusiveMin ? ` and at most ${max}` : ` and ${max}`}`,
    })
    .transform(Number)
    .refine((n) => Number.isFinite(n) && (exclusiveMin ? n > min : n >= min) && n <= max, {
      message: `must be a number ${exclusiveMin ? 'greater than' : 'between'} ${min}${exclusiveMin ? ` and at most ${max}` : ` and ${max}`}`,
    });

const boolean = () =>
  z
    .string()
    .refine((raw) => parseBoolean(raw) !== undefined, { message: 'must be true or false' })
    .transform((raw) => parseBoolean(raw)!);

const text = () => z.string().trim().min(1, 'must not be empty');

const httpUrl = () =>
  z
    .string()
    .trim()
    .refine(isHttpUrl, { message: 'must be an http(s) URL such as https://<project>.supabase.co' })
    .transform(normalizeBaseUrl);

const address = () =>
  z
    .string()
    .trim()
    .refine((raw) => /^0x[0-9a-fA-F]{40}$/.test(raw), {
      message: 'must be an address: 0x followed by 40 hex characters',
    })
    .transform((raw) => raw.toLowerCase() as `0x${string}`);

const list = () =>
  z.string().transform((raw) =>
    raw
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((raw): raw is T[number] => (values as readonly string[]).includes(raw), {
      message: `must be one of ${values.join(', ')}`,
    })
    .transform((raw) => raw as T[number]);

type Spec<T, D extends string | undefined> = Omit<VariableSpec<T>, 'default'> & { default: D };
const spec = <T, const D extends string | undefined = undefined>(
  s: Omit<VariableSpec<T>, 'default'> & { default?: D },
): Spec<T, D> => s as Spec<T, D>;

/** Every variable, keyed by canonical name. */
export const variables = {
  // --- target -------------------------------------------------------------------------------
  SUPABASE_URL: spec({
    name: 'SUPABASE_URL',
    aliases: ['VITE_SUPABASE_URL'],
    doc: 'Base URL of the Supabase project (or the local stack) under test',
    legacy: true,
    schema: httpUrl(),
  }),
  SUPABASE_ANON_KEY: spec({
    name: 'SUPABASE_ANON_KEY',
    aliases: ['SUPABASE_PUBLISHABLE_KEY', 'VITE_SUPABASE_PUBLISHABLE_KEY', 'VITE_SUPABASE_ANON_KEY'],
    doc: 'Publishable (anon) key sent as `apikey` on every request',
    legacy: true,
    secret: true,
    schema: text(),
  }),
  SIM_SUPABASE_SERVICE_ROLE_KEY: spec({
    name: 'SIM_SUPABASE_SERVICE_ROLE_KEY',
    aliases: ['SUPABASE_SERVICE_ROLE_KEY'],
    doc: 'Service-role key: managed wallet pool, ETH-lock seeding, auction tick, health checks',
    legacy: true,
    secret: true,
    schema: text(),
  }),
  // --- wallets ------------------------------------------------------------------------------
  SIM_WALLET_SOURCE: spec({
    name: 'SIM_WALLET_SOURCE',
    default: 'env',
    doc: '`env` (SIM_WALLET_PRIVATE_KEYS), `supabase` (managed encrypted pool, leased) or `ephemeral` (fresh key per virtual user)',
    legacy: true,
    schema: oneOf(['env', 'supabase', 'ephemeral'] as const),
  }),
  SIM_WALLET_PRIVATE_KEYS: spec({
    name: 'SIM_WALLET_PRIVATE_KEYS',
    doc: 'Comma- or newline-separated private keys (0x + 64 hex); required in env mode, imported in supabase mode',
    legacy: true,
    secret: true,
    schema: z.string(),
  }),
  SIM_MANAGED_WALLETS_ENCRYPTION_KEY: spec({
    name: 'SIM_MANAGED_WALLETS_ENCRYPTION_KEY',
    doc: 'AES-256-GCM key of the managed pool: 64 hex characters (optional 0x) or base64 of 32 bytes',
    legacy: true,
    secret: true,
    schema: z.string(),
  }),
  SIM_MANAGED_WALLETS_DECRYPTION_KEYS: spec({
    name: 'SIM_MANAGED_WALLETS_DECRYPTION_KEYS',
    doc: 'Older keys still accepted for decryption during rotation: `kid1:key1,kid2:key2`',
    secret: true,
    schema: z.string(),
  }),
  SIM_MANAGED_WALLET_KID: spec({
    name: 'SIM_MANAGED_WALLET_KID',
    default: 'sim-local-v1',
    doc: 'Key id stored with every row encrypted under SIM_MANAGED_WALLETS_ENCRYPTION_KEY',
    legacy: true,
    schema: z
      .string()
      .trim()
      .refine((raw) => /^[A-Za-z0-9._-]{1,64}$/.test(raw), { message: 'must be 1-64 characters of A-Z a-z 0-9 . _ -' }),
  }),
  SIM_MANAGED_WALLET_TARGET_COUNT: spec({
    name: 'SIM_MANAGED_WALLET_TARGET_COUNT',
    default: '0',
    doc: 'Desired number of active wallets in the managed pool (0: use what is there)',
    legacy: true,
    schema: integer(0, 1_000_000),
  }),
  SIM_MANAGED_WALLET_GENERATION_MIN_INTERVAL_MS: spec({
    name: 'SIM_MANAGED_WALLET_GENERATION_MIN_INTERVAL_MS',
    default: '120000',
    doc: 'Shortest pause between two wallets generated during a long run',
    legacy: true,
    schema: integer(0, 86_400_000),
  }),
  SIM_MANAGED_WALLET_GENERATION_MAX_INTERVAL_MS: spec({
    name: 'SIM_MANAGED_WALLET_GENERATION_MAX_INTERVAL_MS',
    default: '420000',
    doc: 'Longest pause between two wallets generated during a long run',
    legacy: true,
    schema: integer(0, 86_400_000),
  }),
  SIM_IMPORT_ENV_WALLETS_TO_SUPABASE: spec({
    name: 'SIM_IMPORT_ENV_WALLETS_TO_SUPABASE',
    default: 'true',
    doc: 'In supabase mode, import SIM_WALLET_PRIVATE_KEYS into the pool (source env_import) at start',
    legacy: true,
    schema: boolean(),
  }),
  SIM_AUTO_CONFIRM_ETH_LOCK: spec({
    name: 'SIM_AUTO_CONFIRM_ETH_LOCK',
    default: 'true',
    doc: 'Seed a pseudo-confirmed ETH lock for managed wallets after their first sign-in',
    legacy: true,
    schema: boolean(),
  }),
  SIM_ETH_LOCK_TO_ADDRESS: spec({
    name: 'SIM_ETH_LOCK_TO_ADDRESS',
    aliases: ['VITE_ETH_LOCK_RECIPIENT'],
    default: '0x1111111111111111111111111111111111111111',
    doc: '`to_address` of seeded ETH locks',
    legacy: true,
    schema: address(),
  }),
  VITE_SPEC_WHITELIST_ETH: spec({
    name: 'VITE_SPEC_WHITELIST_ETH',
    default: '0.001',
    doc: 'Whitelist lock amount in ETH; the default of SIM_ETH_LOCK_AMOUNT_WEI',
    legacy: true,
    schema: decimal(0, 1_000_000, { exclusiveMin: true }),
  }),
  SIM_ETH_LOCK_AMOUNT_WEI: spec({
    name: 'SIM_ETH_LOCK_AMOUNT_WEI',
    doc: '`amount_wei` of seeded ETH locks (default: VITE_SPEC_WHITELIST_ETH in wei)',
    legacy: true,
    schema: z
      .string()
      .trim()
      .refine((raw) => /^[1-9]\d{0,77}$/.test(raw), { message: 'must be a positive integer number of wei' })
      .transform((raw) => BigInt(raw)),
  }),
  SIM_LEASE_TTL_MS: spec({
    name: 'SIM_LEASE_TTL_MS',
    default: '120000',
    doc: 'How long a pool lease lasts without renewal; a crashed worker frees its wallets after this',
    schema: integer(5_000, 3_600_000),
  }),
  // --- SIWE ---------------------------------------------------------------------------------
  SIM_CHAIN_ID: spec({
    name: 'SIM_CHAIN_ID',
    default: '1',
    doc: 'Chain id written in SIWE and faucet messages',
    legacy: true,
    schema: integer(1, Number.MAX_SAFE_INTEGER),
  }),
  SIM_SIWE_URI: spec({
    name: 'SIM_SIWE_URI',
    aliases: ['VITE_SIWE_URI'],
    default: 'https://o.finality.dev/',
    doc: "URI line of SIWE messages (must be allowed by the project's auth site URL / allow list)",
    legacy: true,
    schema: z
      .string()
      .trim()
      .refine(
        (raw) => {
          try {
            return Boolean(new URL(raw).host);
          } catch {
            return false;
          }
        },
        { message: 'must be an absolute URI such as https://app.example.com/' },
      ),
  }),
  SIM_SIWE_DOMAIN: spec({
    name: 'SIM_SIWE_DOMAIN',
    aliases: ['VITE_SIWE_DOMAIN'],
    doc: 'Domain line of SIWE messages (default: host of SIM_SIWE_URI)',
    legacy: true,
    schema: text(),
  }),
  // --- gameplay -----------------------------------------------------------------------------
  SIM_BOX_TIER_IDS: spec({
    name: 'SIM_BOX_TIER_IDS',
    doc: 'Restrict box opens to these tier ids (comma list; default: every tier in box_tiers)',
    legacy: true,
    schema: list().refine((ids) => ids.length > 0 && ids.every((id) => /^[a-z0-9_-]{1,64}$/.test(id)), {
      message: 'must be a comma list of box tier ids such as common,rare',
    }),
  }),
  SIM_LOOP_INTERVAL_MS: spec({
    name: 'SIM_LOOP_INTERVAL_MS',
    default: '45000',
    doc: 'Pause between two cycles of a player (plus 0-25% jitter)',
    legacy: true,
    schema: integer(0, 86_400_000),
  }),
  SIM_INITIAL_SPREAD_MS: spec({
    name: 'SIM_INITIAL_SPREAD_MS',
    default: '15000',
    doc: "Players' first cycles are spread over this many milliseconds",
    legacy: true,
    schema: integer(0, 86_400_000),
  }),
  SIM_MAX_BOX_OPENS_PER_CYCLE: spec({
    name: 'SIM_MAX_BOX_OPENS_PER_CYCLE',
    default: '1',
    doc: 'Box-open attempts per cycle (each proceeds with probability SIM_BOX_OPEN_PROBABILITY)',
    legacy: true,
    schema: integer(0, 100),
  }),
  SIM_BOX_OPEN_PROBABILITY: spec({
    name: 'SIM_BOX_OPEN_PROBABILITY',
    default: '0.45',
    doc: 'Probability that a box-open attempt proceeds (legacy constant 0.45)',
    schema: decimal(0, 1),
  }),
  SIM_SUBMIT_PROBABILITY: spec({
    name: 'SIM_SUBMIT_PROBABILITY',
    default: '0.65',
    doc: 'Probability that a player submits a part while a round accepts submissions (legacy constant 0.65)',
    schema: decimal(0, 1),
  }),
  SIM_MAX_BID_ATTEMPTS_PER_CYCLE: spec({
    name: 'SIM_MAX_BID_ATTEMPTS_PER_CYCLE',
    default: '3',
    doc: 'Bid attempts per cycle while a round is in bidding',
    legacy: true,
    schema: integer(1, 100),
  }),
  SIM_BID_ATTEMPT_PROBABILITY: spec({
    name: 'SIM_BID_ATTEMPT_PROBABILITY',
    default: '0.9',
    doc: 'Probability that each bid attempt proceeds',
    legacy: true,
    schema: decimal(0, 1),
  }),
  SIM_BID_MARKUP_MIN: spec({
    name: 'SIM_BID_MARKUP_MIN',
    default: '0.05',
    doc: 'Lowest markup on top of the minimum bid',
    legacy: true,
    schema: decimal(0, 10),
  }),
  SIM_BID_MARKUP_MAX: spec({
    name: 'SIM_BID_MARKUP_MAX',
    default: '0.35',
    doc: 'Highest markup on top of the minimum bid',
    legacy: true,
    schema: decimal(0, 10),
  }),
  SIM_PLAYER_MODEL: spec({
    name: 'SIM_PLAYER_MODEL',
    default: 'ui',
    doc: "`ui`: players keep their last known balance and open only box tiers they can afford, bid only what they have (like the game UI); `legacy`: the legacy worker's uniform tier choice and blind bids (the `once` and `soak` scenarios use it)",
    schema: oneOf(['ui', 'legacy'] as const),
  }),
  VITE_SPEC_WHITELIST_BONUS_FLUX: spec({
    name: 'VITE_SPEC_WHITELIST_BONUS_FLUX',
    default: '0',
    doc: 'Passed as p_whitelist_bonus_amount on every RPC (one-time bonus for confirmed ETH locks)',
    legacy: true,
    schema: decimal(0, 1_000_000),
  }),
  VITE_SPEC_DAILY_CLAIM_FLUX: spec({
    name: 'VITE_SPEC_DAILY_CLAIM_FLUX',
    default: '1',
    doc: 'Faucet p_claim_amount',
    legacy: true,
    schema: decimal(0, 1_000_000, { exclusiveMin: true }),
  }),
  VITE_SPEC_FAUCET_INTERVAL_SECONDS: spec({
    name: 'VITE_SPEC_FAUCET_INTERVAL_SECONDS',
    default: '86400',
    doc: "Faucet p_claim_window_seconds and the player's own next-claim timer",
    legacy: true,
    schema: integer(0, 604_800),
  }),
  SIM_USER_AGENT: spec({
    name: 'SIM_USER_AGENT',
    default: 'entropy-sim/1.0',
    doc: 'p_user_agent of every RPC',
    legacy: true,
    schema: text(),
  }),
  SIM_SEED: spec({
    name: 'SIM_SEED',
    doc: 'Seed of the one PRNG behind every random choice (default: random, printed at start and stored in the report)',
    schema: integer(0, 0xffff_ffff),
  }),
  // --- modes --------------------------------------------------------------------------------
  SIM_DRY_RUN: spec({
    name: 'SIM_DRY_RUN',
    default: 'false',
    doc: 'Run against the embedded local stack instead of SUPABASE_URL (env wallet source only)',
    legacy: true,
    schema: boolean(),
  }),
  SIM_RUN_ONCE: spec({
    name: 'SIM_RUN_ONCE',
    default: 'false',
    doc: 'Every wallet runs one cycle, then the run ends (the `once` scenario)',
    legacy: true,
    schema: boolean(),
  }),
  SIM_BOOTSTRAP_ONLY: spec({
    name: 'SIM_BOOTSTRAP_ONLY',
    default: 'false',
    doc: 'Seed the managed pool (import + generate to target) and exit (`rocket-sim pool bootstrap`)',
    legacy: true,
    schema: boolean(),
  }),
  SIM_SELF_TEST: spec({
    name: 'SIM_SELF_TEST',
    default: 'false',
    doc: 'Offline self-test: key derivation, signing, encryption round trip, configuration (`rocket-sim self-test`)',
    legacy: true,
    schema: boolean(),
  }),
  // --- run control --------------------------------------------------------------------------
  SIM_DRIVE_AUCTION_TICK: spec({
    name: 'SIM_DRIVE_AUCTION_TICK',
    default: 'false',
    doc: 'Call rpc/run_auction_tick with the service key during the run (targets without a scheduler)',
    schema: boolean(),
  }),
  SIM_AUCTION_TICK_INTERVAL_MS: spec({
    name: 'SIM_AUCTION_TICK_INTERVAL_MS',
    default: '10000',
    doc: 'Interval of the auction tick driven by SIM_DRIVE_AUCTION_TICK',
    schema: integer(500, 3_600_000),
  }),
  SIM_ALLOWED_TARGETS: spec({
    name: 'SIM_ALLOWED_TARGETS',
    doc: 'Non-loopback hosts that may be load-tested without SIM_CONFIRM_TARGET (comma list)',
    schema: list(),
  }),
  SIM_AUTH_RATE_LIMITS: spec({
    name: 'SIM_AUTH_RATE_LIMITS',
    default: 'hosted',
    doc: "The target project's Auth limits per source IP the pre-flight plans against: hosted, off, or web3=30/5m,refresh=150/5m,burst=30",
    schema: z.string().transform((raw, ctx) => {
      const parsed = parseAuthRateLimits(raw);
      if ('limits' in parsed) return parsed.limits;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }),
  }),
  SIM_CONFIRM_TARGET: spec({
    name: 'SIM_CONFIRM_TARGET',
    doc: 'Host of the target, typed out to confirm a run against production or an unlisted host',
    schema: text(),
  }),
  SIM_EVENT_LOG: spec({
    name: 'SIM_EVENT_LOG',
    default: '-',
    doc: 'Where players write their JSON-line events: a file path, or - for standard output',
    schema: text(),
  }),
  SIM_LOG_LEVEL: spec({
    name: 'SIM_LOG_LEVEL',
    default: 'info',
    doc: 'Event log level: debug, info, warn or error',
    schema: oneOf(['debug', 'info', 'warn', 'error'] as const),
  }),
  SIM_RUN_ID: spec({
    name: 'SIM_RUN_ID',
    doc: 'Identifier of this run: lease owner in the pool, bound to every event (default: generated)',
    schema: z
      .string()
      .trim()
      .refine((raw) => /^[A-Za-z0-9._:-]{1,100}$/.test(raw), {
        message: 'must be 1-100 characters of A-Z a-z 0-9 . _ : -',
      }),
  }),
  SIM_RUN_UNTIL: spec({
    name: 'SIM_RUN_UNTIL',
    doc: 'Epoch milliseconds after which looping players finish their cycle and stop (a hard deadline; `rocket-sim run --duration` uses the scenario variable runSeconds instead)',
    schema: integer(0, 8_640_000_000_000_000),
  }),
  SIM_PUBLISH_METRICS: spec({
    name: 'SIM_PUBLISH_METRICS',
    doc: "Also send the run's metrics (labelled with run id, scenario and environment) to: prometheus=<Pushgateway URL>, otlp=<OTLP/HTTP URL>, statsd=<host:port>, datadog=<host:port> (comma list), or a YAML/JSON file with a publish-metrics list; see docs/live.md",
    schema: z
      .string()
      .refine((raw) => parsePublishMetrics(raw) !== undefined, { message: PUBLISH_METRICS_FORMAT })
      .transform((raw) => parsePublishMetrics(raw) as PublishMetricsSpec),
  }),
  SIM_DASHBOARD_PORT: spec({
    name: 'SIM_DASHBOARD_PORT',
    doc: 'Serve the live dashboard of `rocket-sim run` on this port of 127.0.0.1 (0: any free port; same as --dashboard [PORT]); see docs/live.md',
    schema: integer(0, 65_535),
  }),
  SIM_DASHBOARD_HOST: spec({
    name: 'SIM_DASHBOARD_HOST',
    doc: 'Address the live dashboard listens on instead of 127.0.0.1 (same as --dashboard-host); off loopback every request needs the token of the printed URL',
    schema: z
      .string()
      .trim()
      .refine((raw) => /^[A-Za-z0-9.:-]+$/.test(raw), { message: 'must be a host name or IP address to listen on' }),
  }),
  // --- database sampler ---------------------------------------------------------------------
  SIM_DATABASE_URL: spec({
    name: 'SIM_DATABASE_URL',
    doc: "The target's PostgreSQL URL (direct connection or session-mode pooler) that `rocket-sim run` samples read-only beside the load (`--database-url` for a remote target; the embedded stack's PostgreSQL backend is sampled without it)",
    secret: true,
    schema: z
      .string()
      .trim()
      .refine((raw) => /^postgres(ql)?:\/\//.test(raw), { message: 'must be a postgres:// or postgresql:// URL' }),
  }),
  SIM_DB_SAMPLE_INTERVAL_MS: spec({
    name: 'SIM_DB_SAMPLE_INTERVAL_MS',
    default: '2000',
    doc: 'Milliseconds between two samples of the database sampler (pg_stat_statements, pg_stat_activity, lock waits)',
    schema: integer(100, 60_000),
  }),
  // --- local stack --------------------------------------------------------------------------
  DATABASE_URL: spec({
    name: 'DATABASE_URL',
    doc: 'PostgreSQL URL for `rocket-sim local` (default: embedded PGlite; `rocket-sim run` needs --database-url); also the PostgreSQL test backend',
    secret: true,
    schema: z
      .string()
      .trim()
      .refine((raw) => /^postgres(ql)?:\/\//.test(raw), { message: 'must be a postgres:// or postgresql:// URL' }),
  }),
} as const;

export type VariableName = keyof typeof variables;
/** Parsed values: variables with a default are always present. */
export type VariableValues = {
  [K in VariableName]: (typeof variables)[K] extends Spec<infer T, infer D>
    ? D extends string
      ? T
      : T | undefined
    : never;
};

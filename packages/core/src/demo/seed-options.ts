import { AppError } from '../errors/app-error.ts';
import { passwordProblem } from '../identity/passwords.ts';

/**
 * Reports progress: objects written so far, objects in total, and the stage being written.
 * The total grows once, after the customers, when their contracts and usage are planned.
 */
export type SeedProgress = (done: number, total: number, stage: string) => void;

/** Options of {@link seedDemoData}; every field is optional. */
export interface SeedDemoDataOptions {
  /** Customers to generate, 1–100,000 (default 2,000). */
  customers?: number;
  /** Suppliers to generate, 0–20,000 (default 300). */
  suppliers?: number;
  /** PRNG seed, a whole number 0–4,294,967,295 (default 42). Same seed, same data. */
  seed?: number;
  /** The password of every human demo user (default `invoiceops-demo`). */
  password?: string;
  /** Publish the demo's controls: the built-in rule pack and the approval policy (default true). */
  controls?: boolean;
  /**
   * Seed a company with a past (default false): the pilot entity has billed through
   * invoiceops since July, the others since September, with usage for those months; bill
   * that past with `billDemoHistory` (it needs a tax engine, which core does not choose)
   * before the demo month. Without it the company goes live with the demo month. Needs `controls`.
   */
  history?: boolean;
  onProgress?: SeedProgress;
}

/** The options with defaults applied and checked. */
export interface ResolvedSeedOptions {
  customers: number;
  suppliers: number;
  seed: number;
  password: string;
  controls: boolean;
  history: boolean;
  onProgress: SeedProgress | undefined;
}

/** Limits, exported for the CLI's help text. */
export const SEED_LIMITS = {
  customers: { min: 1, max: 100_000, default: 2_000 },
  suppliers: { min: 0, max: 20_000, default: 300 },
  seed: { min: 0, max: 4_294_967_295, default: 42 },
} as const;

export const DEFAULT_DEMO_PASSWORD = 'invoiceops-demo';

function wholeNumber(name: keyof typeof SEED_LIMITS, value: unknown): number {
  const { min, max, default: fallback } = SEED_LIMITS[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw AppError.invalid(`/${name}`, `must be a whole number from ${min} to ${max.toLocaleString('en-US')}, got ${String(value)}`);
  }
  return value;
}

/**
 * Applies defaults and validates; throws `AppError` `validation_failed` whose message and
 * issue path name the option (`/customers: must be a whole number from 1 to 100,000, got 0`).
 */
export function resolveSeedOptions(options: SeedDemoDataOptions = {}): ResolvedSeedOptions {
  const customers = wholeNumber('customers', options.customers);
  const suppliers = wholeNumber('suppliers', options.suppliers);
  const seed = wholeNumber('seed', options.seed);
  const password = options.password ?? DEFAULT_DEMO_PASSWORD;
  if (typeof password !== 'string') throw AppError.invalid('/password', 'must be a string');
  const problem = passwordProblem(password);
  if (problem) throw AppError.invalid('/password', problem);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw AppError.invalid('/onProgress', 'must be a function');
  }
  if (options.controls !== undefined && typeof options.controls !== 'boolean') throw AppError.invalid('/controls', 'must be true or false');
  const controls = options.controls ?? true;
  if (options.history !== undefined && typeof options.history !== 'boolean') throw AppError.invalid('/history', 'must be true or false');
  const history = options.history ?? false;
  if (history && !controls) throw AppError.invalid('/history', 'needs the controls: the go-live month is billed through them');
  return { customers, suppliers, seed, password, controls, history, onProgress: options.onProgress };
}

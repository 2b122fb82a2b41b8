/** A token bucket: `tokens` as of `at`. */
export interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

/** The bucket's capacity for a per-minute rate: a second's worth of requests, at least one. */
export function bucketCapacity(perMinute: number): number {
  return Math.max(1, perMinute / 60);
}

/**
 * Takes one token if the bucket (refilled at `perMinute` since `at`, up to its capacity)
 * holds one. Returns the new bucket, or how long to wait for the next token.
 */
export function takeToken(bucket: Bucket, perMinute: number, now: number): { readonly ok: true; readonly bucket: Bucket } | { readonly ok: false; readonly waitMs: number } {
  const perMs = perMinute / 60_000;
  const tokens = Math.min(bucketCapacity(perMinute), bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  if (tokens >= 1) return { ok: true, bucket: { tokens: tokens - 1, at: now } };
  return { ok: false, waitMs: Math.ceil((1 - tokens) / perMs) };
}

/**
 * How long metric history is kept, and at which resolution: raw samples for a day, five-minute
 * rollups for a month. Shared by the rollup job, the cleanup and the history queries.
 */
export const RAW_RETENTION_HOURS = 24;
export const ROLLUP_RETENTION_DAYS = 30;
export const ROLLUP_BUCKET_SECONDS = 300;
/** Buckets are aligned on this origin (whole five minutes of UTC). */
export const BUCKET_ORIGIN = "2000-01-01T00:00:00Z";

import { InvalidConfigError } from '../config/config.schema';

/**
 * Timings that decide how fast work comes back after a worker dies (SIGKILL, a
 * lost machine). The defaults suit production; the fault tests set them short.
 *
 * - QUEUE_LOCK_SECONDS (30): a job's lock; a job whose worker stops renewing it
 *   is "stalled" and handed to another worker after about two lock periods.
 * - EMAIL_LEASE_SECONDS (300): an e-mail claimed by a sender that died is sent
 *   again once its claim is this old.
 */
export interface FaultTuning {
  queueLockMs: number;
  emailLeaseSeconds: number;
}

export function faultTuning(source: NodeJS.ProcessEnv = process.env): FaultTuning {
  return {
    queueLockMs: seconds(source, 'QUEUE_LOCK_SECONDS', 30, 2, 3_600) * 1_000,
    emailLeaseSeconds: seconds(source, 'EMAIL_LEASE_SECONDS', 300, 2, 86_400),
  };
}

function seconds(source: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = source[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidConfigError(`Invalid configuration: ${name} must be a whole number of seconds from ${min} to ${max}`);
  }
  return value;
}

import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import * as QRCode from 'qrcode';
import { EntityManager } from 'typeorm';
import { AppConfig, AuditService, Principal, TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import { RECOVERY_CODE_COUNT, TOTP_ISSUER, type MfaPolicy, type MfaStatus, type Role, type TotpEnrollment, isUuid } from '@fieldwork/contracts';
import { MfaSecretBox } from './secret-box';
import { SessionsService } from '../auth/sessions.service';

/** Who owns a factor: a person of a career center, or a platform operator. */
export type MfaOwner = { kind: 'user'; userId: string; tenantId: string } | { kind: 'operator'; operatorId: string };

export type CodeKind = 'totp' | 'recovery_code';

const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export const WRONG_CODE = "That code didn't work. Enter the current six-digit code from your authenticator app, or one of your recovery codes.";

interface FactorRow {
  totp_secret: string;
  enabled_at: Date | null;
  last_step: string | null;
  codes_left: number;
}

/** Where an owner's factor lives: `user_mfa` (row-level security) or `operator_mfa` (platform). */
function place(owner: MfaOwner): { table: string; where: string; params: string[] } {
  return owner.kind === 'user'
    ? { table: 'user_mfa', where: 'tenant_id = $1 AND user_id = $2', params: [owner.tenantId, owner.userId] }
    : { table: 'operator_mfa', where: 'operator_id = $1', params: [owner.operatorId] };
}

export function ownerOf(principal: Principal): MfaOwner {
  return principal.kind === 'user' ? { kind: 'user', userId: principal.userId, tenantId: principal.tenantId } : { kind: 'operator', operatorId: principal.operatorId };
}

/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238: SHA-1, six digits, 30 seconds,
 * one step of clock drift either way). The secret is sealed at rest; an accepted code's time step
 * is remembered, so the same code (or an earlier one) is never accepted twice. Ten recovery codes,
 * each good once, are kept as keyed hashes.
 */
@Injectable()
export class MfaService {
  private readonly logger = new Logger(MfaService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly box: MfaSecretBox,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  run<T>(owner: MfaOwner, work: (db: EntityManager) => Promise<T>): Promise<T> {
    return owner.kind === 'user' ? this.tenantDb.transaction(owner.tenantId, work) : this.tenantDb.platform(work);
  }

  async status(owner: MfaOwner): Promise<MfaStatus> {
    return this.run(owner, async (db) => {
      const row = await this.factor(db, owner);
      const required = await this.requiredIn(db, owner);
      return {
        enabled: Boolean(row?.enabled_at),
        enabledAt: row?.enabled_at ? row.enabled_at.toISOString() : null,
        recoveryCodesLeft: row?.enabled_at ? row.codes_left : 0,
        required,
      };
    });
  }

  /** Whether a sign-in of this owner needs its second step (its factor is on). */
  async isEnabled(db: EntityManager, owner: MfaOwner): Promise<boolean> {
    return Boolean((await this.factor(db, owner))?.enabled_at);
  }

  /** Whether the owner must have two-step sign-in: staff of a career center that requires it, operators in production. */
  async requiredIn(db: EntityManager, owner: MfaOwner, role?: Role): Promise<boolean> {
    if (owner.kind === 'operator') return this.config.isProduction;
    const [row] = await db.query<{ required: boolean; role: Role }[]>(
      `SELECT t.mfa_required_for_staff AS required, u.role FROM tenants t JOIN users u ON u.tenant_id = t.id WHERE t.id = $1 AND u.id = $2`,
      [owner.tenantId, owner.userId],
    );
    return Boolean(row?.required) && (role ?? row?.role) !== 'student';
  }

  /** A new secret (replacing one not yet confirmed), with its QR code. Refused while a factor is on. */
  async startEnrollment(owner: MfaOwner): Promise<TotpEnrollment> {
    return this.run(owner, async (db) => {
      const existing = await this.factor(db, owner);
      if (existing?.enabled_at) throw new ConflictException('Two-step sign-in is already on. Turn it off first to set up a new authenticator.');
      const label = await this.label(db, owner);
      const secret = new OTPAuth.Secret({ size: 20 });
      const totp = new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, secret, algorithm: 'SHA1', digits: DIGITS, period: PERIOD });
      const { table, params } = place(owner);
      const sealed = this.box.seal(secret.base32);
      if (owner.kind === 'user') {
        await db.query(
          `INSERT INTO user_mfa (tenant_id, user_id, totp_secret) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, user_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, last_step = NULL, created_at = now()`,
          [...params, sealed],
        );
      } else {
        await db.query(
          `INSERT INTO ${table} (operator_id, totp_secret) VALUES ($1, $2)
           ON CONFLICT (operator_id) DO UPDATE SET totp_secret = EXCLUDED.totp_secret, last_step = NULL, created_at = now()`,
          [...params, sealed],
        );
      }
      const otpauthUrl = totp.toString();
      return { secret: secret.base32, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 220 }) };
    });
  }

  /** The first code from the app turns the factor on and gives the ten recovery codes (shown once). */
  async confirmEnrollment(owner: MfaOwner, code: string, ip?: string): Promise<string[]> {
    return this.run(owner, async (db) => {
      const row = await this.factor(db, owner, true);
      if (!row) throw new ConflictException('Set up your authenticator first: scan the QR code, then enter the code it shows.');
      if (row.enabled_at) throw new ConflictException('Two-step sign-in is already on.');
      const step = this.matchTotp(row.totp_secret, code);
      if (step === null) throw wrongCode("didn't work: enter the six-digit code your authenticator app shows now");
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCode());
      const { table, where, params } = place(owner);
      await db.query(
        `UPDATE ${table} SET enabled_at = now(), last_step = $${params.length + 1}, recovery_code_hashes = $${params.length + 2} WHERE ${where}`,
        [...params, step, codes.map((c) => this.box.digest(normalize(c)))],
      );
      await this.record(db, owner, 'mfa.enabled', ip);
      return codes;
    });
  }

  /** Turns the factor off; a current code (or a recovery code) proves it is the owner. */
  async disable(owner: MfaOwner, code: string, ip?: string): Promise<void> {
    await this.run(owner, async (db) => {
      const row = await this.factor(db, owner, true);
      if (!row?.enabled_at) throw new ConflictException('Two-step sign-in is not on.');
      if (await this.requiredIn(db, owner)) {
        throw new ConflictException(
          owner.kind === 'user'
            ? 'Your career center requires two-step sign-in for staff, so it stays on. Ask an administrator if you lost your phone.'
            : 'Operators must use two-step sign-in in production.',
        );
      }
      if (!(await this.consume(db, owner, row, code))) throw wrongCode("didn't work: enter the current code from your authenticator app, or a recovery code");
      const { table, where, params } = place(owner);
      await db.query(`DELETE FROM ${table} WHERE ${where}`, params);
      await this.record(db, owner, 'mfa.disabled', ip);
    });
  }

  /** The second step of a sign-in: which kind of code was accepted (and used up), or null. */
  async verify(owner: MfaOwner, code: string): Promise<CodeKind | null> {
    return this.run(owner, async (db) => {
      const row = await this.factor(db, owner, true);
      if (!row?.enabled_at) return null;
      return this.consume(db, owner, row, code);
    });
  }

  /** An administrator turns a person's factor off (a lost phone); their sessions end too. */
  async adminReset(auth: UserAuth, userId: string, ip?: string): Promise<void> {
    if (!isUuid(userId)) throw new NotFoundException('No such person');
    await this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [user] = await db.query(`SELECT id FROM users WHERE tenant_id = $1 AND id = $2`, [auth.tenantId, userId]);
      if (!user) throw new NotFoundException('No such person');
      const [[removed]] = await db.query(`DELETE FROM user_mfa WHERE tenant_id = $1 AND user_id = $2 RETURNING enabled_at`, [auth.tenantId, userId]);
      if (!removed?.enabled_at) throw new ConflictException('This person has not turned on two-step sign-in; there is nothing to reset.');
      await this.sessions.revokeAllForUser(db, auth.tenantId, userId);
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'mfa.reset', actorId: auth.userId, subjectType: 'user', subjectId: userId, ip });
    });
  }

  policy(auth: UserAuth): Promise<MfaPolicy> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [row] = await db.query(`SELECT mfa_required_for_staff AS required FROM tenants WHERE id = $1`, [auth.tenantId]);
      return { requireForStaff: Boolean(row?.required) };
    });
  }

  setPolicy(auth: UserAuth, policy: MfaPolicy, ip?: string): Promise<MfaPolicy> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const [[before]] = await db.query(
        `UPDATE tenants t SET mfa_required_for_staff = $2 FROM tenants old WHERE t.id = $1 AND old.id = t.id RETURNING old.mfa_required_for_staff AS was`,
        [auth.tenantId, policy.requireForStaff],
      );
      if (before && before.was !== policy.requireForStaff) {
        await this.audit.record(db, {
          tenantId: auth.tenantId,
          action: 'tenant.mfa_policy_changed',
          actorId: auth.userId,
          subjectType: 'tenant',
          subjectId: auth.tenantId,
          ip,
          details: { requireForStaff: policy.requireForStaff },
        });
      }
      return { requireForStaff: policy.requireForStaff };
    });
  }

  private async factor(db: EntityManager, owner: MfaOwner, lock = false): Promise<FactorRow | undefined> {
    const { table, where, params } = place(owner);
    const [row] = await db.query<FactorRow[]>(
      `SELECT totp_secret, enabled_at, last_step, cardinality(recovery_code_hashes) AS codes_left FROM ${table} WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return row;
  }

  /** Accepts a TOTP code newer than the last accepted one, or an unused recovery code; marks it used. */
  private async consume(db: EntityManager, owner: MfaOwner, row: FactorRow, code: string): Promise<CodeKind | null> {
    const { table, where, params } = place(owner);
    const cleaned = normalize(code);
    if (/^\d{6}$/.test(cleaned)) {
      const step = this.matchTotp(row.totp_secret, cleaned);
      if (step === null || (row.last_step !== null && step <= Number(row.last_step))) return null;
      await db.query(`UPDATE ${table} SET last_step = $${params.length + 1} WHERE ${where}`, [...params, step]);
      return 'totp';
    }
    if (!/^[a-z0-9]{10}$/.test(cleaned)) return null;
    const hash = this.box.digest(cleaned);
    const [, used] = await db.query(
      `UPDATE ${table} SET recovery_code_hashes = array_remove(recovery_code_hashes, $${params.length + 1})
        WHERE ${where} AND $${params.length + 1} = ANY (recovery_code_hashes)`,
      [...params, hash],
    );
    return used ? 'recovery_code' : null;
  }

  /** The time step a six-digit code belongs to (now, or one step either side), or null. */
  private matchTotp(sealed: string, code: string): number | null {
    const token = normalize(code);
    if (!/^\d{6}$/.test(token)) return null;
    let base32: string;
    try {
      base32 = this.box.open(sealed);
    } catch {
      // Sealed with another key (MFA_SECRET_KEY or the JWT secret changed): no code can match; an admin resets it.
      this.logger.error('a TOTP secret could not be opened: was MFA_SECRET_KEY (or the JWT secret it is derived from) changed?');
      return null;
    }
    const secret = OTPAuth.Secret.fromBase32(base32);
    const now = Date.now();
    const delta = OTPAuth.TOTP.validate({ token, secret, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, timestamp: now, window: 1 });
    return delta === null ? null : OTPAuth.TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  }

  private async label(db: EntityManager, owner: MfaOwner): Promise<string> {
    if (owner.kind === 'operator') {
      const [operator] = await db.query(`SELECT email FROM operators WHERE id = $1`, [owner.operatorId]);
      return `${operator?.email ?? 'operator'} (operator)`;
    }
    const [row] = await db.query(`SELECT u.email, t.name FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.tenant_id = $1 AND u.id = $2`, [
      owner.tenantId,
      owner.userId,
    ]);
    return `${row?.email ?? ''} (${row?.name ?? ''})`;
  }

  private async record(db: EntityManager, owner: MfaOwner, action: 'mfa.enabled' | 'mfa.disabled', ip?: string): Promise<void> {
    if (owner.kind !== 'user') return;
    await this.audit.record(db, { tenantId: owner.tenantId, action, actorId: owner.userId, subjectType: 'user', subjectId: owner.userId, ip });
  }
}

/** A wrong code while signed in is a 400 naming the field (a 401 would read as "your session ended"). */
export function wrongCode(problem: string): Error {
  return validationFailed([{ field: 'code', problems: [`code ${problem}`] }]);
}

/** "ABCDE-FGHJK", " 123 456 " → "abcdefghjk", "123456". */
function normalize(code: string): string {
  return String(code).toLowerCase().replace(/[\s-]/g, '');
}

/** Ten characters without look-alikes (no 0/o, 1/l/i), shown as "abcde-fghjk": about 49 bits. */
function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

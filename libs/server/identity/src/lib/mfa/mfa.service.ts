import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import * as QRCode from 'qrcode';
import { EntityManager } from 'typeorm';
import { AppConfig, AuditService, Principal, TenantDatabase, UserAuth, validationFailed } from '@fieldwork/server-core';
import { RECOVERY_CODE_COUNT, TOTP_ISSUER, type MfaPolicy, type MfaStatus, type Role, type TotpEnrollment, isUuid } from '@fieldwork/contracts';
import { MfaSecretBox } from './secret-box';
import { SessionsService } from '../auth/sessions.service';
import {
  FactorRow,
  MfaOwner,
  deleteFactor,
  deleteUserFactor,
  enableFactor,
  factor,
  operatorEmail,
  requiredForStaff,
  setLastStep,
  setRequiredForStaff,
  staffRequirement,
  upsertFactorSecret,
  useRecoveryCode,
  userAndTenantName,
  userExists,
} from './mfa.queries';

export type { MfaOwner } from './mfa.queries';

export type CodeKind = 'totp' | 'recovery_code';

const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export const WRONG_CODE = "That code didn't work. Enter the current six-digit code from your authenticator app, or one of your recovery codes.";

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
      const row = await factor(db, owner, false);
      const required = await this.requiredIn(db, owner);
      return {
        enabled: Boolean(row?.enabled_at),
        enabledAt: row?.enabled_at ? row.enabled_at.toISOString() : null,
        recoveryCodesLeft: row?.enabled_at ? (row.codes_left ?? 0) : 0,
        required,
      };
    });
  }

  /** Whether a sign-in of this owner needs its second step (its factor is on). */
  async isEnabled(db: EntityManager, owner: MfaOwner): Promise<boolean> {
    return Boolean((await factor(db, owner, false))?.enabled_at);
  }

  /** Whether the owner must have two-step sign-in: staff of a career center that requires it, operators in production. */
  async requiredIn(db: EntityManager, owner: MfaOwner, role?: Role): Promise<boolean> {
    if (owner.kind === 'operator') return this.config.isProduction;
    const row = await staffRequirement(db, owner.tenantId, owner.userId);
    return Boolean(row?.required) && (role ?? row?.role) !== 'student';
  }

  /** A new secret (replacing one not yet confirmed), with its QR code. Refused while a factor is on. */
  async startEnrollment(owner: MfaOwner): Promise<TotpEnrollment> {
    return this.run(owner, async (db) => {
      const existing = await factor(db, owner, false);
      if (existing?.enabled_at) throw new ConflictException('Two-step sign-in is already on. Turn it off first to set up a new authenticator.');
      const label = await this.label(db, owner);
      const secret = new OTPAuth.Secret({ size: 20 });
      const totp = new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, secret, algorithm: 'SHA1', digits: DIGITS, period: PERIOD });
      await upsertFactorSecret(db, owner, this.box.seal(secret.base32));
      const otpauthUrl = totp.toString();
      return { secret: secret.base32, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 220 }) };
    });
  }

  /** The first code from the app turns the factor on and gives the ten recovery codes (shown once). */
  async confirmEnrollment(owner: MfaOwner, code: string, ip?: string): Promise<string[]> {
    return this.run(owner, async (db) => {
      const row = await factor(db, owner, true);
      if (!row) throw new ConflictException('Set up your authenticator first: scan the QR code, then enter the code it shows.');
      if (row.enabled_at) throw new ConflictException('Two-step sign-in is already on.');
      const step = this.matchTotp(row.totp_secret, code);
      if (step === null) throw wrongCode("didn't work: enter the six-digit code your authenticator app shows now");
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCode());
      await enableFactor(db, owner, step, codes.map((c) => this.box.digest(normalize(c))));
      await this.record(db, owner, 'mfa.enabled', ip);
      return codes;
    });
  }

  /** Turns the factor off; a current code (or a recovery code) proves it is the owner. */
  async disable(owner: MfaOwner, code: string, ip?: string): Promise<void> {
    await this.run(owner, async (db) => {
      const row = await factor(db, owner, true);
      if (!row?.enabled_at) throw new ConflictException('Two-step sign-in is not on.');
      if (await this.requiredIn(db, owner)) {
        throw new ConflictException(
          owner.kind === 'user'
            ? 'Your career center requires two-step sign-in for staff, so it stays on. Ask an administrator if you lost your phone.'
            : 'Operators must use two-step sign-in in production.',
        );
      }
      if (!(await this.consume(db, owner, row, code))) throw wrongCode("didn't work: enter the current code from your authenticator app, or a recovery code");
      await deleteFactor(db, owner);
      await this.record(db, owner, 'mfa.disabled', ip);
    });
  }

  /** The second step of a sign-in: which kind of code was accepted (and used up), or null. */
  async verify(owner: MfaOwner, code: string): Promise<CodeKind | null> {
    return this.run(owner, async (db) => {
      const row = await factor(db, owner, true);
      if (!row?.enabled_at) return null;
      return this.consume(db, owner, row, code);
    });
  }

  /** An administrator turns a person's factor off (a lost phone); their sessions end too. */
  async adminReset(auth: UserAuth, userId: string, ip?: string): Promise<void> {
    if (!isUuid(userId)) throw new NotFoundException('No such person');
    await this.tenantDb.transaction(auth.tenantId, async (db) => {
      if (!(await userExists(db, auth.tenantId, userId))) throw new NotFoundException('No such person');
      const removed = await deleteUserFactor(db, auth.tenantId, userId);
      if (!removed?.enabled_at) throw new ConflictException('This person has not turned on two-step sign-in; there is nothing to reset.');
      await this.sessions.revokeAllForUser(db, auth.tenantId, userId);
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'mfa.reset', actorId: auth.userId, subjectType: 'user', subjectId: userId, ip });
    });
  }

  policy(auth: UserAuth): Promise<MfaPolicy> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      return { requireForStaff: Boolean(await requiredForStaff(db, auth.tenantId)) };
    });
  }

  setPolicy(auth: UserAuth, policy: MfaPolicy, ip?: string): Promise<MfaPolicy> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const was = await setRequiredForStaff(db, auth.tenantId, policy.requireForStaff);
      if (was !== undefined && was !== policy.requireForStaff) {
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

  /** Accepts a TOTP code newer than the last accepted one, or an unused recovery code; marks it used. */
  private async consume(db: EntityManager, owner: MfaOwner, row: FactorRow, code: string): Promise<CodeKind | null> {
    const cleaned = normalize(code);
    if (/^\d{6}$/.test(cleaned)) {
      const step = this.matchTotp(row.totp_secret, cleaned);
      if (step === null || (row.last_step !== null && step <= Number(row.last_step))) return null;
      await setLastStep(db, owner, step);
      return 'totp';
    }
    if (!/^[a-z0-9]{10}$/.test(cleaned)) return null;
    const hash = this.box.digest(cleaned);
    return (await useRecoveryCode(db, owner, hash)) ? 'recovery_code' : null;
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
      return `${(await operatorEmail(db, owner.operatorId)) ?? 'operator'} (operator)`;
    }
    const row = await userAndTenantName(db, owner.tenantId, owner.userId);
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

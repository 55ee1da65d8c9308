import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, Passwords, TenantDatabase } from '@fieldwork/server-core';

/** Operators come from OPERATOR_EMAIL / OPERATOR_PASSWORD at boot. */
@Injectable()
export class OperatorsService {
  private readonly logger = new Logger(OperatorsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tenantDb: TenantDatabase,
    private readonly passwords: Passwords,
  ) {}

  async ensureConfiguredOperator(): Promise<void> {
    const email = this.config.env.OPERATOR_EMAIL?.toLowerCase();
    const password = this.config.env.OPERATOR_PASSWORD;
    if (!email || !password) return;
    await this.tenantDb.platform(async (db) => {
      const [existing] = await db.query(`SELECT id, password_hash FROM operators WHERE email = $1 FOR UPDATE`, [email]);
      if (existing && (await this.passwords.verify(existing.password_hash, password))) return;
      const hash = await this.passwords.hash(password);
      if (existing) {
        await db.query(`UPDATE operators SET password_hash = $2 WHERE id = $1`, [existing.id, hash]);
      } else {
        await db.query(`INSERT INTO operators (id, email, name, password_hash) VALUES ($1, $2, $3, $4)`, [
          randomUUID(),
          email,
          'Platform operator',
          hash,
        ]);
      }
      this.logger.log(`Operator ${email} is ready`);
    });
  }
}

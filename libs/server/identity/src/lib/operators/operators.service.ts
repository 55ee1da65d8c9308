import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig, Passwords, TenantDatabase } from '@fieldwork/server-core';
import { insertOperator, operatorByEmail, setOperatorPassword } from './operators.queries';

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
      const existing = await operatorByEmail(db, email, { forUpdate: true });
      if (existing && (await this.passwords.verify(existing.password_hash, password))) return;
      const passwordHash = await this.passwords.hash(password);
      if (existing) await setOperatorPassword(db, existing.id, passwordHash);
      else await insertOperator(db, { id: randomUUID(), email, name: 'Platform operator', passwordHash });
      this.logger.log(`Operator ${email} is ready`);
    });
  }
}

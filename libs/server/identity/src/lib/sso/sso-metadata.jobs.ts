import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobHandlers, QueueService, TenantDatabase } from '@fieldwork/server-core';
import type { QueueName } from '@fieldwork/contracts';
import { SsoSettingsService } from './sso-settings.service';

/**
 * Its own small queue and job name. The contracts job registry (jobs.ts) has no entry for them yet,
 * hence the two casts below; once QUEUES / JobPayloads name them, the casts go.
 */
export const SSO_METADATA_QUEUE = 'sso-metadata' as QueueName;
export const SSO_METADATA_JOB = 'refresh-sso-metadata';
export const SSO_METADATA_SCHEDULE = { id: 'daily-sso-metadata', pattern: '30 4 * * *' };

/**
 * Re-reads every career center's SAML IdP metadata from its URL once a day, so new signing certificates
 * of a rollover arrive without anyone pasting them. A fetch that fails keeps the last good metadata.
 */
@Injectable()
export class SsoMetadataJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(SsoMetadataJobs.name);

  constructor(
    private readonly queues: QueueService,
    private readonly tenantDb: TenantDatabase,
    private readonly settings: SsoSettingsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queues.process(SSO_METADATA_QUEUE, { [SSO_METADATA_JOB]: () => this.refreshAll() } as unknown as JobHandlers, { concurrency: 1 });
    await this.queues
      .queue(SSO_METADATA_QUEUE)
      .upsertJobScheduler(SSO_METADATA_SCHEDULE.id, { pattern: SSO_METADATA_SCHEDULE.pattern }, { name: SSO_METADATA_JOB, data: {} });
  }

  /** One pass over every career center with a metadata URL. */
  async refreshAll(): Promise<{ refreshed: number; failed: number }> {
    const tenants: { id: string }[] = await this.tenantDb.platform((db) => db.query(`SELECT id FROM tenants WHERE state = 'active'`));
    const result = { refreshed: 0, failed: 0 };
    for (const tenant of tenants) {
      const outcome = await this.settings.refreshMetadata(tenant.id);
      if (outcome === 'refreshed') result.refreshed++;
      if (outcome === 'failed') result.failed++;
    }
    if (result.refreshed || result.failed) this.logger.log(`SAML metadata: ${JSON.stringify(result)}`);
    return result;
  }
}

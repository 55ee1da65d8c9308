import { Inject, Injectable } from '@nestjs/common';
import { JobHandlers, QueueJobs, QueueWork, RecurringJob } from '@fieldwork/server-core';
import { QUEUES, type JobName } from '@fieldwork/contracts';
import { SsoSettingsService } from './sso-settings.service';

/** Its own small queue, so a slow identity provider never delays mail or notifications. */
export const SSO_METADATA_QUEUE = QUEUES.ssoMetadata;
export const SSO_METADATA_JOB = 'refresh-sso-metadata' satisfies JobName;
export const SSO_METADATA_SCHEDULE: RecurringJob = { id: 'daily-sso-metadata', pattern: '30 4 * * *', job: SSO_METADATA_JOB };

/**
 * Re-reads every career center's SAML IdP metadata from its URL once a day, so new signing certificates
 * of a rollover arrive without anyone pasting them (a fetch that fails keeps the last good metadata),
 * and drops spent sign-in requests and old attempts.
 */
@Injectable()
export class SsoMetadataJobs extends QueueJobs {
  protected readonly work: QueueWork = { queue: SSO_METADATA_QUEUE, concurrency: 1, schedule: SSO_METADATA_SCHEDULE };

  @Inject(SsoSettingsService) private readonly settings!: SsoSettingsService;

  protected handlers(): JobHandlers {
    return { [SSO_METADATA_JOB]: () => this.refreshAll() };
  }

  /** One pass over every career center with a metadata URL. */
  async refreshAll(): Promise<{ refreshed: number; failed: number }> {
    const result = { refreshed: 0, failed: 0 };
    for (const tenantId of await this.tenantIds('active')) {
      await this.settings.purge(tenantId);
      const outcome = await this.settings.refreshMetadata(tenantId);
      if (outcome === 'refreshed') result.refreshed++;
      if (outcome === 'failed') result.failed++;
    }
    if (result.refreshed || result.failed) this.logger.log(`SAML metadata: ${JSON.stringify(result)}`);
    return result;
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentUser, Public, Roles, UserAuth } from '@fieldwork/server-core';
import type { PrivacyPolicy, RetentionPreview } from '@fieldwork/contracts';
import { RetentionService } from './retention.service';
import { PrivacyPolicyBody, RetentionPreviewBody } from './retention.responses';

/** The retention preview (admins) and the public privacy page's facts. The periods themselves are tenant settings. */
@ApiTags('privacy')
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Roles('admin')
  @Get('tenant/retention-preview')
  @ApiOkResponse({ type: RetentionPreviewBody, description: 'What the next daily run would delete, and what is due 30 days later' })
  @ApiErrors(401, 403)
  preview(@CurrentUser() auth: UserAuth): Promise<RetentionPreview> {
    return this.retention.preview(auth);
  }

  @Public()
  @Get('privacy/:tenantSlug')
  @ApiOkResponse({ type: PrivacyPolicyBody, description: 'What the career center keeps and for how long (public)' })
  @ApiErrors(404)
  privacy(@Param('tenantSlug') tenantSlug: string): Promise<PrivacyPolicy> {
    return this.retention.privacyPolicy(tenantSlug);
  }
}

import { Body, Controller, Ip, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, UserAuth, Accepted, NoContent } from '@fieldwork/server-core';
import { PASSWORD_RESET_REQUESTED_MESSAGE, type PasswordResetRequested, type PasswordResetSent } from '@fieldwork/contracts';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from '../dto/auth.dto';
import { AttemptLimits, RetryAfterInterceptor, accountName } from '../auth/attempt-limits';
import { PasswordResetRequestedBody, PasswordResetSentBody } from '../mfa/mfa.responses';
import { PasswordResetService } from './password-reset.service';


@ApiTags('auth')
@Controller()
@UseInterceptors(RetryAfterInterceptor)
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly limits: AttemptLimits,
  ) {}

  @Public()
  @Post('auth/password-reset')
  @Accepted(PasswordResetRequestedBody, 'Always the same answer: if the account exists, a link is on its way (valid 30 minutes)', 400, 429)
  async request(@Body() body: PasswordResetRequestDto, @Ip() ip: string): Promise<PasswordResetRequested> {
    await this.limits.resetRequested(ip, accountName(body.tenant, body.email));
    this.resets.request(body, ip);
    return { message: PASSWORD_RESET_REQUESTED_MESSAGE };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @NoContent('The new password is set; every session of the account has ended', 400, 404, 410, 429)
  async confirm(@Body() body: PasswordResetConfirmDto, @Ip() ip: string): Promise<void> {
    await this.limits.perAddress(ip);
    await this.resets.confirm(body, ip);
  }

  @Roles('admin')
  @Post('users/:id/password-reset')
  @Accepted(PasswordResetSentBody, 'The person gets an e-mail with a link to choose a new password', 401, 403, 404, 409)
  sendFor(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<PasswordResetSent> {
    return this.resets.sendFor(auth, id, ip);
  }
}

import { Body, Controller, Delete, Get, HttpException, Ip, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentPrincipal, CurrentUser, Principal, Roles, SignedIn, UserAuth, NoContent, ActionOk, Created, Updated } from '@fieldwork/server-core';
import type { MfaPolicy, MfaStatus, RecoveryCodes, TotpEnrollment } from '@fieldwork/contracts';
import { MfaPolicyDto, TotpCodeDto } from '../dto/auth.dto';
import { AttemptLimits, RetryAfterInterceptor } from '../auth/attempt-limits';
import { MfaPolicyBody, MfaStatusBody, RecoveryCodesBody, TotpEnrollmentBody } from './mfa.responses';
import { MfaService, ownerOf } from './mfa.service';

@ApiTags('two-step sign-in')
@Controller()
@UseInterceptors(RetryAfterInterceptor)
@ApiErrors(401)
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly limits: AttemptLimits,
  ) {}

  @SignedIn()
  @Get('me/mfa')
  @ApiOkResponse({ type: MfaStatusBody })
  status(@CurrentPrincipal() principal: Principal): Promise<MfaStatus> {
    return this.mfa.status(ownerOf(principal));
  }

  @SignedIn()
  @Created('me/mfa/totp', { type: TotpEnrollmentBody, description: 'A new secret and its QR code; nothing changes until a code is confirmed' }, 409)
  enroll(@CurrentPrincipal() principal: Principal): Promise<TotpEnrollment> {
    return this.mfa.startEnrollment(ownerOf(principal));
  }

  @SignedIn()
  @Post('me/mfa/totp/confirm')
  @ActionOk({ type: RecoveryCodesBody, description: 'Two-step sign-in is on; ten recovery codes, shown only now' }, 400, 409, 429)
  async confirm(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto, @Ip() ip: string): Promise<RecoveryCodes> {
    const owner = ownerOf(principal);
    const subject = `confirm:${principal.kind === 'user' ? principal.userId : principal.operatorId}`;
    await this.limits.codes.before(ip, subject);
    try {
      return { recoveryCodes: await this.mfa.confirmEnrollment(owner, body.code, ip) };
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 400) await this.limits.codes.failed(ip, subject);
      throw error;
    }
  }

  @SignedIn()
  @Delete('me/mfa')
  @NoContent('Two-step sign-in is off', 400, 409, 429)
  async disable(@CurrentPrincipal() principal: Principal, @Body() body: TotpCodeDto, @Ip() ip: string): Promise<void> {
    const subject = `disable:${principal.kind === 'user' ? principal.userId : principal.operatorId}`;
    await this.limits.codes.before(ip, subject);
    try {
      await this.mfa.disable(ownerOf(principal), body.code, ip);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 400) await this.limits.codes.failed(ip, subject);
      throw error;
    }
  }

  @Roles('admin')
  @Get('tenant/mfa-policy')
  @ApiOkResponse({ type: MfaPolicyBody })
  @ApiErrors(403)
  policy(@CurrentUser() auth: UserAuth): Promise<MfaPolicy> {
    return this.mfa.policy(auth);
  }

  @Roles('admin')
  @Updated('PUT', 'tenant/mfa-policy', MfaPolicyBody, 400, 403)
  setPolicy(@CurrentUser() auth: UserAuth, @Body() body: MfaPolicyDto, @Ip() ip: string): Promise<MfaPolicy> {
    return this.mfa.setPolicy(auth, body, ip);
  }

  @Roles('admin')
  @Delete('users/:id/mfa')
  @NoContent('The person’s two-step sign-in is off and their sessions have ended; they can set it up again', 403, 404, 409)
  reset(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<void> {
    return this.mfa.adminReset(auth, id, ip);
  }
}

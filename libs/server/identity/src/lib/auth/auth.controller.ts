import { Body, Controller, Get, HttpCode, Ip, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  AnyTenantUser,
  ApiErrors,
  CurrentPrincipal,
  CurrentUser,
  Principal,
  Public,
  SignedIn as SignedInOnly,
  UserAuth,
  NoContent,
  ActionOk,
} from '@fieldwork/server-core';
import {
  type AccessTokenResponse,
  type EnrolledSignIn,
  type InvitationPreview,
  type LoginResponse,
  type Me,
  type TotpEnrollment,
} from '@fieldwork/contracts';
import { AcceptInvitationDto, ChangePasswordDto, LoginDto, MfaCodeDto, MfaTokenDto } from '../dto/auth.dto';
import { AuthService, SignedIn, isChallenge } from './auth.service';
import { InvitationsService } from '../invitations/invitations.service';
import { AttemptLimits, RetryAfterInterceptor } from './attempt-limits';
import { Exchange, HttpExchange, RefreshCookie } from './refresh-cookie';
import { AccessTokenBody, InvitationPreviewBody, MeBody } from '../identity.responses';
import { EnrolledSignInBody, MfaEnrollmentRequiredBody, MfaRequiredBody, TotpEnrollmentBody } from '../mfa/mfa.responses';

@ApiTags('auth')
@Controller()
@UseInterceptors(RetryAfterInterceptor)
@ApiExtraModels(AccessTokenBody, MfaRequiredBody, MfaEnrollmentRequiredBody)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly refreshCookie: RefreshCookie,
    private readonly limits: AttemptLimits,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'Signed in (the refresh token is set as an httpOnly cookie); or, with two-step sign-in on, `{mfaRequired, mfaToken}` for POST /api/auth/mfa; ' +
      'or, for staff whose career center requires it and who have not set it up, `{mfaEnrollmentRequired, mfaToken}`',
    schema: { oneOf: [AccessTokenBody, MfaRequiredBody, MfaEnrollmentRequiredBody].map((body) => ({ $ref: getSchemaPath(body) })) },
  })
  @ApiErrors(400, 401, 429)
  async login(@Body() body: LoginDto, @Ip() ip: string, @Exchange() http: HttpExchange): Promise<LoginResponse> {
    const outcome = await this.auth.login(body, ip);
    return isChallenge(outcome) ? outcome.challenge : this.withCookie(http, outcome);
  }

  @Public()
  @Post('auth/mfa')
  @ActionOk({ type: AccessTokenBody, description: 'The second step: signed in; the refresh token is set as an httpOnly cookie' }, 400, 401, 429)
  async mfa(@Body() body: MfaCodeDto, @Ip() ip: string, @Exchange() http: HttpExchange): Promise<AccessTokenResponse> {
    return this.withCookie(http, await this.auth.completeMfa(body, ip));
  }

  @Public()
  @Post('auth/mfa/enroll')
  @ActionOk({ type: TotpEnrollmentBody, description: 'A new authenticator secret and its QR code, for staff who must set up two-step sign-in' }, 400, 401, 409, 429)
  async enroll(@Body() body: MfaTokenDto, @Ip() ip: string): Promise<TotpEnrollment> {
    await this.limits.perAddress(ip);
    return this.auth.startRequiredEnrollment(body.mfaToken);
  }

  @Public()
  @Post('auth/mfa/enroll/confirm')
  @ActionOk({ type: EnrolledSignInBody, description: 'Two-step sign-in is on: the recovery codes (shown once), and signed in' }, 400, 401, 409, 429)
  async confirmEnrollment(@Body() body: MfaCodeDto, @Ip() ip: string, @Exchange() http: HttpExchange): Promise<EnrolledSignIn> {
    const { codes, signedIn } = await this.auth.confirmRequiredEnrollment(body, ip);
    return { ...this.withCookie(http, signedIn), ...codes };
  }

  @Public()
  @Post('auth/refresh')
  @ActionOk({ type: AccessTokenBody, description: 'A new access token; the refresh cookie is rotated' }, 401)
  async refresh(@Exchange() http: HttpExchange): Promise<AccessTokenResponse> {
    try {
      return this.withCookie(http, await this.auth.refresh(this.refreshCookie.read(http)));
    } catch (error) {
      this.refreshCookie.clear(http);
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @NoContent('Signed out; the refresh cookie is cleared')
  async logout(@Exchange() http: HttpExchange): Promise<void> {
    await this.auth.logout(this.refreshCookie.read(http));
    this.refreshCookie.clear(http);
  }

  @Public()
  @Get('auth/invitations/:token')
  @ApiOkResponse({ type: InvitationPreviewBody, description: 'Who the invitation is for, before they choose a password' })
  @ApiErrors(404, 410)
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  @Public()
  @Post('auth/accept-invitation')
  @ActionOk({ type: AccessTokenBody, description: 'The account is active and signed in' }, 400, 404, 410, 429)
  async acceptInvitation(@Body() body: AcceptInvitationDto, @Ip() ip: string, @Exchange() http: HttpExchange): Promise<AccessTokenResponse> {
    await this.limits.perAddress(ip);
    return this.withCookie(http, await this.auth.acceptInvitation(body, ip));
  }

  @AnyTenantUser()
  @Post('auth/password')
  @NoContent('The new password is set; every other session of the account has ended (this one stays)', 400, 401, 403, 429)
  async changePassword(@CurrentUser() auth: UserAuth, @Body() body: ChangePasswordDto, @Ip() ip: string, @Exchange() http: HttpExchange): Promise<void> {
    await this.auth.changePassword(auth, body, this.refreshCookie.read(http), ip);
  }

  @SignedInOnly()
  @Get('me')
  @ApiOkResponse({ type: MeBody })
  @ApiErrors(401)
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.auth.currentUser(principal);
  }

  private withCookie(http: HttpExchange, signedIn: SignedIn): AccessTokenResponse {
    this.refreshCookie.set(http, signedIn.session);
    return signedIn.response;
  }
}

import { Body, Controller, Get, HttpCode, Ip, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AppConfig, CurrentPrincipal, Principal, Public, SignedIn as SignedInOnly, sessionCookieOptions, ApiErrors } from '@fieldwork/server-core';
import { REFRESH_COOKIE, type AccessTokenResponse, type InvitationPreview, type Me } from '@fieldwork/contracts';
import { AcceptInvitationDto, LoginDto } from '../dto/auth.dto';
import { AuthService, SignedIn } from './auth.service';
import { InvitationsService } from '../invitations/invitations.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { AccessTokenBody, InvitationPreviewBody, MeBody } from '../identity.responses';

const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOkResponse({ type: AccessTokenBody, description: 'Signed in; the refresh token is set as an httpOnly cookie' })
  @ApiErrors(400, 401)
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account or address; wait a minute', schema: { $ref: '#/components/schemas/ApiError' } })
  async login(@Body() body: LoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccessTokenResponse> {
    return this.withCookie(req, res, await this.auth.login(body, ip));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenBody, description: 'A new access token; the refresh cookie is rotated' })
  @ApiErrors(401)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccessTokenResponse> {
    try {
      return this.withCookie(req, res, await this.auth.refresh(req.cookies?.[REFRESH_COOKIE]));
    } catch (error) {
      res.clearCookie(REFRESH_COOKIE, sessionCookieOptions(this.config, req, COOKIE_PATH));
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out; the refresh cookie is cleared' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[REFRESH_COOKIE]);
    res.clearCookie(REFRESH_COOKIE, sessionCookieOptions(this.config, req, COOKIE_PATH));
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
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ account: true })
  @ApiOkResponse({ type: AccessTokenBody, description: 'The account is active and signed in' })
  @ApiErrors(400, 404, 410, 429)
  async acceptInvitation(
    @Body() body: AcceptInvitationDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccessTokenResponse> {
    return this.withCookie(req, res, await this.auth.acceptInvitation(body, ip));
  }

  @SignedInOnly()
  @Get('me')
  @ApiOkResponse({ type: MeBody })
  @ApiErrors(401)
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.auth.currentUser(principal);
  }

  private withCookie(req: Request, res: Response, signedIn: SignedIn): AccessTokenResponse {
    // Secure when the request came over TLS (X-Forwarded-Proto counts with TRUST_PROXY) and always when PUBLIC_URL is https.
    res.cookie(REFRESH_COOKIE, signedIn.session.refreshToken, sessionCookieOptions(this.config, req, COOKIE_PATH, signedIn.session.expiresAt));
    return signedIn.response;
  }
}

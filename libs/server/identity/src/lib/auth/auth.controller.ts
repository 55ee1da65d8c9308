import { Body, Controller, Get, HttpCode, Ip, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal, Public, SignedIn as SignedInOnly } from '@fieldwork/server-core';
import { REFRESH_COOKIE, type AccessTokenResponse, type InvitationPreview, type Me } from '@fieldwork/contracts';
import { AcceptInvitationDto, LoginDto } from '../dto/auth.dto';
import { AuthService, SignedIn } from './auth.service';
import { InvitationsService } from '../invitations/invitations.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account or address; wait a minute' })
  async login(@Body() body: LoginDto, @Ip() ip: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccessTokenResponse> {
    return this.withCookie(req, res, await this.auth.login(body, ip));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccessTokenResponse> {
    try {
      return this.withCookie(req, res, await this.auth.refresh(req.cookies?.[REFRESH_COOKIE]));
    } catch (error) {
      res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      throw error;
    }
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[REFRESH_COOKIE]);
    res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Public()
  @Get('auth/invitations/:token')
  @ApiOkResponse({ description: 'Who the invitation is for, before they choose a password' })
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  @Public()
  @Post('auth/accept-invitation')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @SkipThrottle({ account: true })
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
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.auth.currentUser(principal);
  }

  private withCookie(req: Request, res: Response, signedIn: SignedIn): AccessTokenResponse {
    res.cookie(REFRESH_COOKIE, signedIn.session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: COOKIE_PATH,
      expires: signedIn.session.expiresAt,
    });
    return signedIn.response;
  }
}

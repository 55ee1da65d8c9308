import { Body, Controller, Get, Header, Ip, NotFoundException, ConflictException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors, AppConfig, CurrentUser, Public, Roles, UserAuth, ActionOk, Updated } from '@fieldwork/server-core';
import { type SsoAttempt, type SsoDiscovery, type SsoSettings } from '@fieldwork/contracts';
import { RefreshCookie } from '../auth/refresh-cookie';
import { SsoSettingsService } from './sso-settings.service';
import { SsoOutcome, SsoSignInService } from './sso-sign-in.service';
import { SsoDiscoverQueryDto, SsoSettingsDto } from './sso.dto';
import { SsoAttemptBody, SsoDiscoveryBody, SsoSettingsBody, SsoTestStartBody } from './sso.responses';

/** The refresh cookie's path, as the auth controller sets it (POST /api/auth/refresh reads it). */
const FORM_LIMIT_BYTES = 1_000_000;

/**
 * Campus sign-in. Admin settings and the status panel; the public discovery for the sign-in page and the
 * SP metadata; and the browser legs of the protocols (start, OIDC callback, SAML ACS), which answer with
 * redirects, not JSON, and are therefore left out of the OpenAPI document (the README describes them).
 */
@ApiTags('sso')
@Controller()
export class SsoController {
  constructor(
    private readonly settings: SsoSettingsService,
    private readonly signIn: SsoSignInService,
    private readonly config: AppConfig,
    private readonly refreshCookie: RefreshCookie,
  ) {}

  @Roles('admin')
  @Get('tenant/sso')
  @ApiOkResponse({ type: SsoSettingsBody, description: 'The campus sign-in settings; the client secret is never returned' })
  @ApiErrors(401, 403)
  get(@CurrentUser() auth: UserAuth, @Req() req: Request): Promise<SsoSettings> {
    return this.settings.get(auth, this.base(req));
  }

  @Roles('admin')
  @Updated('PUT', 'tenant/sso', { type: SsoSettingsBody, description: 'Saved; SAML metadata is read (and checked) at once, OIDC discovery is checked' }, 400, 401, 403, 409)
  put(@CurrentUser() auth: UserAuth, @Body() body: SsoSettingsDto, @Req() req: Request, @Ip() ip: string): Promise<SsoSettings> {
    return this.settings.put(auth, body, this.base(req), ip);
  }

  @Roles('admin')
  @Post('tenant/sso/test')
  @ActionOk({ type: SsoTestStartBody, description: 'Test mode: the IdP URL to open; the result shows in the status panel' }, 401, 403, 409)
  async test(@CurrentUser() auth: UserAuth, @Req() req: Request): Promise<{ url: string }> {
    const url = await this.signIn.startTest(auth, this.base(req));
    if (!url) throw new ConflictException('Save the campus sign-in settings with test mode on first');
    return { url };
  }

  @Roles('admin')
  @Get('sso/:tenant/attempts')
  @ApiOkResponse({ type: [SsoAttemptBody], description: 'The last 20 campus sign-in attempts, with the reason of each refusal' })
  @ApiErrors(401, 403, 404)
  attempts(@CurrentUser() auth: UserAuth, @Param('tenant') slug: string): Promise<SsoAttempt[]> {
    return this.settings.attempts(auth, slug);
  }

  @Public()
  @Get('sso/discover')
  @ApiOkResponse({ type: SsoDiscoveryBody, description: 'The career center of a slug or an e-mail domain, and its campus sign-in button if it has one' })
  @ApiErrors(400)
  discover(@Query() query: SsoDiscoverQueryDto, @Req() req: Request): Promise<SsoDiscovery> {
    return this.settings.discover(query, this.base(req));
  }

  @Public()
  @Get('sso/:tenant/saml/metadata')
  @Header('Content-Type', 'application/samlmetadata+xml; charset=utf-8')
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({ description: 'The SAML service provider metadata of the career center', schema: { type: 'string' } })
  @ApiErrors(404)
  async metadata(@Param('tenant') slug: string, @Req() req: Request): Promise<string> {
    const xml = await this.signIn.spMetadata(slug, this.base(req));
    if (!xml) throw new NotFoundException('No such career center');
    return xml;
  }

  @Public()
  @Get('sso/:tenant/start')
  @ApiExcludeEndpoint()
  async start(@Param('tenant') slug: string, @Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.requireTenant(slug);
    res.redirect(302, await this.signIn.start(slug, returnTo, this.base(req)));
  }

  @Public()
  @Get('sso/:tenant/oidc/callback')
  @ApiExcludeEndpoint()
  async oidcCallback(@Param('tenant') slug: string, @Req() req: Request, @Res() res: Response, @Ip() ip: string): Promise<void> {
    await this.requireTenant(slug);
    const url = new URL(req.originalUrl, 'http://callback.invalid');
    this.land(req, res, await this.signIn.oidcCallback(slug, url, this.base(req), ip));
  }

  @Public()
  @Post('sso/:tenant/saml/acs')
  @ApiExcludeEndpoint()
  async samlAcs(@Param('tenant') slug: string, @Req() req: Request, @Res() res: Response, @Ip() ip: string): Promise<void> {
    await this.requireTenant(slug);
    const form = await readForm(req);
    this.land(req, res, await this.signIn.samlAcs(slug, { SAMLResponse: form.get('SAMLResponse'), RelayState: form.get('RelayState') }, this.base(req), ip));
  }

  /** A successful sign-in sets the refresh cookie exactly as a password sign-in does; every outcome is a 302 into the app. */
  private land(req: Request, res: Response, outcome: SsoOutcome): void {
    if (outcome.session) {
      this.refreshCookie.set({ req, res }, outcome.session);
    }
    res.redirect(302, outcome.location);
  }

  /** A link to a career center that does not exist is a plain 404 (a center that exists gets the app's pages). */
  private async requireTenant(slug: string): Promise<void> {
    if (!(await this.signIn.tenantExists(slug))) throw new NotFoundException('No such career center: check the link on your career center’s website');
  }

  /** PUBLIC_URL (required in production); else the origin the request came to (development, tests). */
  private base(req: Request): string {
    if (this.config.env.PUBLIC_URL || this.config.isProduction) return this.config.publicUrl;
    return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }
}

/** The ACS receives an HTML form post (application/x-www-form-urlencoded), which the JSON body parser leaves alone. */
async function readForm(req: Request): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return new URLSearchParams();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT_BYTES) return new URLSearchParams();
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

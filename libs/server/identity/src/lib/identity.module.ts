import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessTokensService } from './auth/access-tokens.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { AttemptLimits } from './auth/attempt-limits';
import { MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { MfaSecretBox } from './mfa/secret-box';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { PasswordResetService } from './password-reset/password-reset.service';
import { SessionsService } from './auth/sessions.service';
import { InvitationsService } from './invitations/invitations.service';
import { OperatorsService } from './operators/operators.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { SecretBox } from './sso/secret-box';
import { SsoController } from './sso/sso.controller';
import { RefreshCookie } from './auth/refresh-cookie';
import { SsoSettingsService } from './sso/sso-settings.service';
import { SsoSignInService } from './sso/sso-sign-in.service';

/** Users, invitations, sessions, operators, the auth endpoints, password resets and two-step sign-in. */
@Module({
  imports: [PassportModule, JwtModule.register({})],
  controllers: [AuthController, UsersController, PasswordResetController, MfaController, SsoController],
  providers: [
    AccessTokensService,
    AuthService,
    JwtStrategy,
    AttemptLimits,
    RefreshCookie,
    MfaService,
    MfaSecretBox,
    PasswordResetService,
    SessionsService,
    InvitationsService,
    OperatorsService,
    UsersService,
    SecretBox,
    SsoSettingsService,
    SsoSignInService,
  ],
  exports: [InvitationsService, OperatorsService, SessionsService, AuthService],
})
export class IdentityModule {}

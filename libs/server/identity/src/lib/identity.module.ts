import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@fieldwork/server-core';
import { UserEntity } from './entities/user.entity';
import { InvitationEntity } from './entities/invitation.entity';
import { OperatorEntity } from './entities/operator.entity';
import { AccessTokensService } from './auth/access-tokens.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { LoginThrottlerGuard, accountTracker } from './auth/login-throttler.guard';
import { SessionsService } from './auth/sessions.service';
import { InvitationsService } from './invitations/invitations.service';
import { OperatorsService } from './operators/operators.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Users, invitations, sessions, operators and the auth endpoints. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, InvitationEntity, OperatorEntity]),
    PassportModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'ip', ttl: 60_000, limit: config.env.LOGIN_LIMIT_PER_IP },
          { name: 'account', ttl: 60_000, limit: config.env.LOGIN_LIMIT_PER_ACCOUNT, getTracker: accountTracker },
        ],
        errorMessage: 'Too many sign-in attempts; wait a minute and try again',
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AccessTokensService,
    AuthService,
    JwtStrategy,
    LoginThrottlerGuard,
    SessionsService,
    InvitationsService,
    OperatorsService,
    UsersService,
  ],
  exports: [InvitationsService, OperatorsService, SessionsService, AuthService],
})
export class IdentityModule {}

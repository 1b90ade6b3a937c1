import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { RequestAuthenticator } from '../http/api-auth.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { LoginFailuresRepository } from './login-failures.repository';
import { LoginLimiter } from './login-limiter.service';
import { PasswordController } from './password.controller';
import { RegistrationLimiter } from './registration-limiter.service';
import { PasswordService } from './password.service';
import { SessionsRepository } from './sessions.repository';
import { SessionOrTokenAuthenticator } from './session-or-token.authenticator';
import { SessionsService } from './sessions.service';

/** Signing up and in: sessions, passwords, invitations, and who is asking (the authenticator behind the API routes' guard). */
@Global()
@Module({
  imports: [AccountsModule, ApiTokensModule, RateLimitsModule],
  controllers: [AuthController, PasswordController],
  providers: [
    AuthService,
    InvitationsRepository,
    InvitationsService,
    LoginFailuresRepository,
    LoginLimiter,
    PasswordService,
    RegistrationLimiter,
    SessionsRepository,
    SessionsService,
    { provide: RequestAuthenticator, useClass: SessionOrTokenAuthenticator },
  ],
  exports: [
    RequestAuthenticator,
    ApiTokensModule,
    InvitationsService,
    LoginLimiter,
    PasswordService,
    RegistrationLimiter,
    SessionsService,
  ],
})
export class AuthModule {}

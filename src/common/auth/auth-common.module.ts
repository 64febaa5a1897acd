import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AuthGuard } from './auth.guard';
import { RouteAuditService } from './route-audit';
import { SessionAuthenticator } from './session-authenticator';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionTokenService } from './session-token.service';

/**
 * JWT signing/verification and the global AuthGuard, which enforces every route's auth
 * decision (`@Public()`, `@Roles()`, `@Authenticated()`, `@OptionalSession()`, `@ProbeToken()`,
 * `@FeederSecret()`); the application does not start while a route has none.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwt_encryption_key,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    SessionTokenService,
    SessionExpungeRepository,
    SessionAuthenticator,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    RouteAuditService,
  ],
  exports: [JwtModule, SessionTokenService, SessionExpungeRepository, SessionAuthenticator],
})
export class AuthCommonModule {}

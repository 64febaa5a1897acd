import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { RolesGuard } from './roles.guard';
import { SessionExpungeRepository } from './session-expunge.repository';
import { SessionResolver } from './session-resolver';
import { SessionTokenService } from './session-token.service';

/** JWT signing/verification and the role guard, shared by every module with protected routes. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwt_encryption_key,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [SessionTokenService, SessionExpungeRepository, SessionResolver, RolesGuard],
  exports: [JwtModule, SessionTokenService, SessionExpungeRepository, SessionResolver, RolesGuard],
})
export class AuthCommonModule {}

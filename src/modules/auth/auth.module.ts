import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { AccountsRepository } from './accounts.repository';
import { AuthController } from './auth.controller';
import { AUTH_OPTIONS, authOptionsFromConfig, AuthOptionsOverrides, mergeAuthOptions } from './auth.options';
import { AuthService } from './auth.service';
import { LoginMailerService } from './login-mailer.service';
import { LoginTokenService } from './login-token.service';

/**
 * User accounts: email login links, session tokens, roles and session expunge. Needs the global
 * AuthCommonModule (JWT, RolesGuard). Options come from the `auth` configuration section;
 * `forRoot(overrides)` replaces some of them (tests).
 */
@Module({
  controllers: [AuthController],
  providers: [
    { provide: AUTH_OPTIONS, inject: [AppConfig], useFactory: authOptionsFromConfig },
    AuthService,
    AccountsRepository,
    LoginMailerService,
    LoginTokenService,
  ],
  exports: [AuthService],
})
export class AuthModule {
  static forRoot(overrides: AuthOptionsOverrides = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: AUTH_OPTIONS,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => mergeAuthOptions(authOptionsFromConfig(config), overrides),
        },
      ],
    };
  }
}

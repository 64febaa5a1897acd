import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { SessionClaims } from '../../common/auth/auth.types';
import { CurrentAccount } from '../../common/auth/current-account.decorator';
import { OptionalSession } from '../../common/auth/optional-session.decorator';
import { Public } from '../../common/auth/public.decorator';
import { Authenticated, Roles } from '../../common/auth/roles.decorator';
import { AppConfig } from '../../common/config/app-config';
import { badRequest } from '../../common/errors/api-error';
import { RAW_BODY } from '../../common/http/body-parser';
import { NoCache } from '../../common/http/cache-control.decorator';
import { AuthService } from './auth.service';
import {
  AccountMetadataResponseDto,
  AccountRoleResponseDto,
  BearerResponseDto,
  EmailAddressRequestDto,
  EmptyResponseDto,
  MessageResponseDto,
  SetAccountRoleRequestDto,
  UserLoginResponseDto,
  UserRegisterRequestDto,
} from './dto/auth.dto';
import { readBodyFields } from './request-fields';

/** Legacy name of the session cookie. */
export const SESSION_COOKIE = 'ooni';

@ApiTags('Auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('api/v1/user_register')
  @Public()
  @HttpCode(200)
  @NoCache()
  @RouteConfig({ [RAW_BODY]: true })
  @ApiOperation({ summary: 'Auth: email a login link (the answer does not tell whether the account exists)' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: UserRegisterRequestDto })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid email address or redirect URL, or the email could not be sent' })
  async userRegister(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<MessageResponseDto> {
    const fields = this.fields(body, contentType);
    await this.auth.register(fields.email_address, fields.redirect_to);
    return { msg: 'ok' };
  }

  @Get('api/v1/user_login')
  @Public()
  @NoCache()
  @ApiOperation({ summary: 'Auth: exchange the token of a login link for a session token (JSON and cookie)' })
  @ApiQuery({ name: 'k', description: 'token from the login link', required: true })
  @ApiOkResponse({ type: UserLoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Invalid, forged or expired login token' })
  async userLogin(
    @Query('k') k: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserLoginResponseDto> {
    const result = await this.auth.login(typeof k === 'string' ? k : '');
    void reply.header('set-cookie', this.sessionCookie(result.bearer));
    return result;
  }

  @Get('api/v1/user_refresh_token')
  @Authenticated()
  @ApiOperation({ summary: 'Auth: a fresh session token, valid until the login expires' })
  @ApiOkResponse({ type: BearerResponseDto })
  async userRefreshToken(
    @CurrentAccount() account: SessionClaims,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BearerResponseDto> {
    const bearer = await this.auth.refresh(account);
    void reply.header('set-cookie', this.sessionCookie(bearer));
    return { bearer };
  }

  @Get('api/_/account_metadata')
  @OptionalSession()
  @NoCache()
  @ApiOperation({ summary: 'Auth: whether the caller is logged in, and its role ("" when logged out)' })
  @ApiOkResponse({ type: AccountMetadataResponseDto })
  getAccountMetadata(@CurrentAccount() claims: SessionClaims | undefined): AccountMetadataResponseDto {
    // As api.ooni.org answers: a missing, invalid, expired or expunged token is 200 logged out, never 401.
    return claims ? { logged_in: true, role: claims.role } : { logged_in: false, role: '' };
  }

  @Get('api/v1/user_logout')
  @Public()
  @NoCache()
  @ApiOperation({ summary: 'Auth: log out of this browser (clears the `ooni` session cookie)' })
  @ApiOkResponse({ type: EmptyResponseDto })
  userLogout(@Res({ passthrough: true }) reply: FastifyReply): EmptyResponseDto {
    void reply.header('set-cookie', this.clearedSessionCookie());
    return {};
  }

  /** The Test List Editor logs out with a POST. */
  @Post('api/v1/user_logout')
  @HttpCode(200)
  @Public()
  @NoCache()
  @ApiOperation({ summary: 'Auth: log out of this browser (clears the `ooni` session cookie)' })
  @ApiOkResponse({ type: EmptyResponseDto })
  userLogoutPost(@Res({ passthrough: true }) reply: FastifyReply): EmptyResponseDto {
    return this.userLogout(reply);
  }

  @Get('api/v1/get_account_role/:email_address')
  @Roles('admin')
  @ApiOperation({ summary: 'Auth: role of the account of an email address (admins only)' })
  @ApiParam({ name: 'email_address', example: 'user@example.org' })
  @ApiOkResponse({ type: AccountRoleResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid email address, or account not found' })
  async getAccountRole(@Param('email_address') email: string): Promise<AccountRoleResponseDto> {
    return { role: await this.auth.accountRole(email) };
  }

  @Post('api/v1/set_account_role')
  @HttpCode(200)
  @Roles('admin')
  @RouteConfig({ [RAW_BODY]: true })
  @ApiOperation({ summary: 'Auth: set the role of the account of an email address (admins only)' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: SetAccountRoleRequestDto })
  @ApiOkResponse({ type: EmptyResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid email address or role' })
  async setAccountRole(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<EmptyResponseDto> {
    const fields = this.fields(body, contentType);
    await this.auth.setAccountRole(fields.email_address, fields.role);
    return {};
  }

  @Post('api/v1/set_session_expunge')
  @HttpCode(200)
  @Roles('admin')
  @RouteConfig({ [RAW_BODY]: true })
  @ApiOperation({ summary: 'Auth: void every session token of an account issued until now (admins only)' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: EmailAddressRequestDto })
  @ApiOkResponse({ type: EmptyResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid email address' })
  async setSessionExpunge(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<EmptyResponseDto> {
    await this.auth.expungeSessions(this.fields(body, contentType).email_address);
    return {};
  }

  private fields(body: unknown, contentType: string | undefined): Record<string, string> {
    const fields = readBodyFields(body, contentType);
    if (fields === null) throw badRequest('Invalid request');
    return fields;
  }

  /**
   * The session token as a cookie too (legacy UIs were described as using one). Guards read only
   * the Authorization header, so the cookie can never be used for cross-site request forgery.
   */
  private sessionCookie(token: string): string {
    return `${SESSION_COOKIE}=${token}; Max-Age=${this.auth.sessionMaxAgeSeconds()}${this.cookieAttributes()}`;
  }

  /** Same name, path and attributes as the session cookie, expired: the browser drops it. */
  private clearedSessionCookie(): string {
    return `${SESSION_COOKIE}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${this.cookieAttributes()}`;
  }

  private cookieAttributes(): string {
    const secure = this.config.base_url.startsWith('https:') ? '; Secure' : '';
    return `; Path=/; HttpOnly; SameSite=Strict${secure}`;
  }
}

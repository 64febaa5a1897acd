import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../../common/auth/auth.types';

/** Registration data, as JSON or as an HTML form. */
export class UserRegisterRequestDto {
  @ApiProperty({ example: 'user@example.org' })
  email_address!: string;

  /** Where the UI sends the user after login; only OONI Explorer and the Test List Editor are accepted. */
  @ApiProperty({ example: 'https://explorer.ooni.org' })
  redirect_to!: string;
}

export class MessageResponseDto {
  @ApiProperty({ example: 'ok' })
  msg!: string;
}

export class UserLoginResponseDto {
  @ApiProperty({ example: 'https://explorer.ooni.org' })
  redirect_to!: string;

  /** Session token: send it as `Authorization: Bearer <token>`. */
  @ApiProperty()
  bearer!: string;

  /** The address the login link was sent to (as the newer OONI auth service answers; never stored). */
  @ApiProperty({ example: 'user@example.org' })
  email_address!: string;
}

export class BearerResponseDto {
  @ApiProperty()
  bearer!: string;
}

export class AccountMetadataResponseDto {
  @ApiProperty()
  logged_in!: boolean;

  @ApiProperty({ enum: ['', ...ROLES], description: '"" when logged out' })
  role!: string;
}

export class AccountRoleResponseDto {
  @ApiProperty({ enum: ROLES })
  role!: string;
}

export class SetAccountRoleRequestDto {
  @ApiProperty({ example: 'user@example.org' })
  email_address!: string;

  @ApiProperty({ enum: ROLES })
  role!: string;
}

export class EmailAddressRequestDto {
  @ApiProperty({ example: 'user@example.org' })
  email_address!: string;
}

export class EmptyResponseDto {}

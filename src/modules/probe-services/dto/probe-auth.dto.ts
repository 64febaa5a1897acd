import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RegisterRequestDto {
  @ApiPropertyOptional({ description: 'Random secret chosen by the probe' })
  password?: string;
  @ApiPropertyOptional({ example: 'android' })
  platform?: string;
  @ApiPropertyOptional({ example: 'AS1234' })
  probe_asn?: string;
  @ApiPropertyOptional({ example: 'IT' })
  probe_cc?: string;
  @ApiPropertyOptional({ example: 'ooniprobe-android' })
  software_name?: string;
  @ApiPropertyOptional({ example: '3.8.0' })
  software_version?: string;
  @ApiPropertyOptional({ type: [String] })
  supported_tests?: string[];
}

export class RegisterResponseDto {
  @ApiProperty({ description: 'Long-lived client id (a JWT), used as username to log in' })
  client_id!: string;
}

export class LoginRequestDto {
  @ApiProperty({ description: 'The client_id received at registration' })
  username!: string;
  @ApiPropertyOptional()
  password?: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Probe token for Authorization: Bearer' })
  token!: string;
  @ApiProperty({ example: '2024-01-08T12:00:00Z', description: 'Expiry, YYYY-MM-DDTHH:MM:SSZ (7 days)' })
  expire!: string;
}

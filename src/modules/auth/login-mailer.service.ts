import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AUTH_OPTIONS, AuthOptions } from './auth.options';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Sends login links through the configured SMTP relay. */
@Injectable()
export class LoginMailerService implements OnModuleDestroy {
  private readonly logger = new Logger(LoginMailerService.name);
  private readonly transport: Transporter;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    const smtp = options.smtp;
    this.transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.username ? { user: smtp.username, pass: smtp.password } : undefined,
      connectionTimeout: smtp.timeout_ms,
      greetingTimeout: smtp.timeout_ms,
      socketTimeout: smtp.timeout_ms,
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async sendLoginLink(to: string, link: string): Promise<void> {
    const hours = this.options.login_link_expiry_hours;
    const text = [
      'Welcome to OONI.',
      '',
      `To log in, open ${link}`,
      '',
      `This link works on any of your devices for ${hours} hours.`,
      '',
    ].join('\n');
    const href = escapeHtml(link);
    const html =
      '<html><body><p>Welcome to OONI.</p>' +
      `<p><a href="${href}">Log in to OONI</a></p>` +
      `<p>This link works on any of your devices for ${hours} hours.</p></body></html>`;
    const started = Date.now();
    await this.transport.sendMail({ from: this.options.smtp.from, to, subject: 'OONI Account activation', text, html });
    this.logger.log(`login email sent in ${Date.now() - started} ms`);
  }
}

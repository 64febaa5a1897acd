import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { GeoipDownloaderService } from './geoip/geoip-downloader.service';
import { JobRegistry } from './registry/job-registry';

export const GEOIP_JOB = 'geoip';

/** Registers the GeoIP downloader (`geoip_downloader.cron`, `.enabled`). */
@Injectable()
export class GeoipJobs implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly downloader: GeoipDownloaderService,
  ) {}

  onModuleInit(): void {
    const o = this.config.geoip_downloader;
    this.registry.register({
      name: GEOIP_JOB,
      description: 'Download, check and install new country and ASN MMDB databases; the server reloads them',
      cron: o.cron,
      enabled: o.enabled,
      run: () => this.downloader.run(),
    });
  }
}

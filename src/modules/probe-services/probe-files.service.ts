import { Injectable } from '@nestjs/common';
import * as fs from 'node:fs';
import { AppConfig } from '../../common/config/app-config';

interface CachedFile {
  mtimeMs: number;
  value: unknown;
}

/** Tor targets and Psiphon configuration: JSON files from configured paths, re-read when they change. */
@Injectable()
export class ProbeFilesService {
  private readonly cache = new Map<string, CachedFile>();

  constructor(private readonly config: AppConfig) {}

  torTargets(): Promise<unknown> {
    return this.load(this.config.probe_services.tor_targets_file);
  }

  psiphonConfig(): Promise<unknown> {
    return this.load(this.config.probe_services.psiphon_config_file);
  }

  private async load(file: string): Promise<unknown> {
    const { mtimeMs } = await fs.promises.stat(file);
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.value;
    const value = JSON.parse(await fs.promises.readFile(file, 'utf8')) as unknown;
    this.cache.set(file, { mtimeMs, value });
    return value;
  }
}

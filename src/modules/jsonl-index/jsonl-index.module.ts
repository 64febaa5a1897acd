import { Module } from '@nestjs/common';
import { JsonlIndexService } from './jsonl-index.service';
import { JsonlRepository } from './jsonl.repository';

/** The one owner of the `jsonl` table. */
@Module({
  providers: [JsonlRepository, JsonlIndexService],
  exports: [JsonlIndexService],
})
export class JsonlIndexModule {}

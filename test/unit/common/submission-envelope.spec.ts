import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  envelopeFormat,
  hasEnvelopeKeys,
  jsonEnvelope,
  readEnvelope,
} from '../../../src/common/envelope/submission-envelope';
import { FIXTURES_DIR, loadMeasurement } from '../../helpers/fixtures';

const measurement = loadMeasurement('web_connectivity_null.json');
const yamlText = fs.readFileSync(path.join(FIXTURES_DIR, 'measurements', 'binary_city.yaml'), 'utf8');

describe('submission envelope', () => {
  it('should read a json envelope as its content object', () => {
    expect(readEnvelope({ format: 'json', content: measurement })).toEqual({ format: 'json', content: measurement });
  });

  it('should read a yaml envelope as its content text', () => {
    expect(readEnvelope({ format: 'yaml', content: yamlText })).toEqual({ format: 'yaml', content: yamlText });
  });

  it('should name what is wrong with a body that is not a usable envelope', () => {
    expect(readEnvelope([measurement])).toBe('not_an_object');
    expect(readEnvelope(null)).toBe('not_an_object');
    expect(readEnvelope({ format: 'xml', content: measurement })).toBe('unknown_format');
    expect(readEnvelope({ content: measurement })).toBe('unknown_format');
    expect(readEnvelope({ format: 'json', content: yamlText })).toBe('content_not_an_object');
    expect(readEnvelope({ format: 'json', content: [measurement] })).toBe('content_not_an_object');
    expect(readEnvelope({ format: 'yaml', content: measurement })).toBe('content_not_text');
  });

  it('should accept the format in any case only when asked to', () => {
    expect(readEnvelope({ format: 'JSON', content: measurement })).toBe('unknown_format');
    expect(readEnvelope({ format: 'JSON', content: measurement }, { anyCase: true })).toEqual({
      format: 'json',
      content: measurement,
    });
    expect(envelopeFormat('Yaml', { anyCase: true })).toBe('yaml');
    expect(envelopeFormat(1)).toBeUndefined();
  });

  it('should tell an envelope from a bare measurement by its own keys', () => {
    expect(hasEnvelopeKeys(measurement)).toBe(false);
    expect(hasEnvelopeKeys({ format: 'json', content: measurement })).toBe(true);
    expect(hasEnvelopeKeys({ format: 'json' })).toBe(false);
  });

  it('should wrap a measurement into a json envelope that reads back to it', () => {
    const body = jsonEnvelope(measurement);
    expect(readEnvelope(JSON.parse(body))).toEqual({ format: 'json', content: measurement });
  });
});

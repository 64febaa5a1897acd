import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  envelopeFormat,
  envelopeIsVerified,
  hasEnvelopeKeys,
  jsonEnvelope,
  jsonEnvelopeContent,
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

  it('should give the measurement object of a json envelope, in any format case, and nothing for yaml text', () => {
    const runMeasurement = loadMeasurement('20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json');
    const content = jsonEnvelopeContent({ format: 'json', content: runMeasurement });
    expect(content).toBe(runMeasurement);
    expect((content?.annotations as Record<string, unknown>).origin).toBe('ooni-run');
    expect(jsonEnvelopeContent({ format: 'JSON', content: measurement })).toBe(measurement);
    expect(jsonEnvelopeContent({ format: 'yaml', content: yamlText })).toBeUndefined();
  });

  it('should give no content for a bare measurement or a body missing its fields', () => {
    expect(jsonEnvelopeContent(measurement)).toBeUndefined();
    expect(jsonEnvelopeContent({ format: 'json' })).toBeUndefined();
    expect(jsonEnvelopeContent({ content: measurement })).toBeUndefined();
    expect(jsonEnvelopeContent(null)).toBeUndefined();
  });

  it('should read is_verified next to the content, as sent, and nothing when it is missing', () => {
    expect(envelopeIsVerified({ format: 'json', content: measurement, is_verified: 't' })).toBe('t');
    expect(envelopeIsVerified({ format: 'yaml', content: yamlText, is_verified: 'f' })).toBe('f');
    expect(envelopeIsVerified({ format: 'json', content: measurement, is_verified: true })).toBe(true);
    expect(envelopeIsVerified({ format: 'json', content: measurement })).toBeUndefined();
    expect(envelopeIsVerified(null)).toBeUndefined();
    expect(envelopeIsVerified([{ is_verified: 't' }])).toBeUndefined();
  });
});

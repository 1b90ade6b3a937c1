import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('trusted proxies', () => {
  it('believes X-Forwarded-For from loopback only by default (the inbox beside the node)', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
  });

  it('takes addresses and CIDR ranges, none, or everyone with OPENMSG_TRUST_PROXY', () => {
    expect(loadConfig({ OPENMSG_TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::1 ,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '2001:db8::1',
      'loopback',
    ]);
    expect(loadConfig({ OPENMSG_TRUSTED_PROXIES: 'none' }).trustProxy).toEqual([]);
    expect(loadConfig({ OPENMSG_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('names a bad entry', () => {
    for (const bad of ['example.com', '10.0.0.0/33', '10.0.0.1/8/9', '::1/129']) {
      expect(() => loadConfig({ OPENMSG_TRUSTED_PROXIES: bad })).toThrow(ConfigError);
      try {
        loadConfig({ OPENMSG_TRUSTED_PROXIES: bad });
      } catch (error) {
        expect((error as ConfigError).problems.join()).toContain(`OPENMSG_TRUSTED_PROXIES: "${bad.split(',')[0]}"`);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { brokersFromEnv, ConfigError } from '@/lib/config/brokers-from-env';

describe('brokersFromEnv', () => {
  it('splits a comma-separated list and trims spaces', () => {
    expect(brokersFromEnv({ KAFKA_BROKERS: ' a:9092, b.example.com:9093 ,' })).toEqual([
      'a:9092',
      'b.example.com:9093',
    ]);
  });

  it('names the variable when it is missing', () => {
    expect(() => brokersFromEnv({})).toThrow(/KAFKA_BROKERS is not set/);
  });

  it('names the entry that is not host:port', () => {
    expect(() => brokersFromEnv({ KAFKA_BROKERS: 'a:9092,b' })).toThrow(ConfigError);
    expect(() => brokersFromEnv({ KAFKA_BROKERS: 'a:9092,b' })).toThrow(/"b" is not host:port/);
  });

  it('refuses a port outside 1-65535', () => {
    expect(() => brokersFromEnv({ KAFKA_BROKERS: '127.0.0.1:99999' })).toThrow(/"127.0.0.1:99999" is not host:port/);
    expect(() => brokersFromEnv({ KAFKA_BROKERS: 'a:0' })).toThrow(ConfigError);
    expect(brokersFromEnv({ KAFKA_BROKERS: 'a:1,b:65535' })).toEqual(['a:1', 'b:65535']);
  });
});

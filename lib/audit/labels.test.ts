import { describe, expect, it } from 'vitest';
import { countOf, entityTypeLabel } from './labels';

describe('audit labels', () => {
  it('counts with the right plural', () => {
    expect(countOf(0, 'event')).toBe('0 events');
    expect(countOf(1, 'event')).toBe('1 event');
    expect(countOf(2, 'event')).toBe('2 events');
    expect(countOf(10_000, 'event')).toBe('10,000 events');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });

  it('names entity kinds in words, unknown ones included', () => {
    expect(entityTypeLabel('patient')).toBe('Patient');
    expect(entityTypeLabel('membership')).toBe('Member');
    expect(entityTypeLabel('retention_run')).toBe('Retention run');
    expect(entityTypeLabel('some_new_thing')).toBe('Some new thing');
    expect(entityTypeLabel('constructor')).toBe('Constructor');
  });
});

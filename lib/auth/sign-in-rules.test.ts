import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './sign-in-rules';

const ORIGIN = 'https://clinic.example.com';

describe('safeCallbackPath', () => {
  it.each([
    // The scan's findings: Chromium drops tab, CR and LF inside a URL, leaving `//evil.example`.
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\t\t/evil.example',
    '\t//evil.example',
    ' //evil.example',
    '\u0000//evil.example',
    // Protocol-relative, and backslashes, which browsers read as slashes.
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    // Absolute URLs and other schemes.
    'https://evil.example',
    'https://evil.example/patients',
    'http://clinic.example.com/patients',
    'https://clinic.example.com.evil.example/',
    'https://clinic.example.com@evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://[',
    '',
    undefined,
  ])('sends %j home', (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe('/');
  });

  it.each([
    ['/patients', '/patients'],
    ['/patients?q=garcia&page=2#top', '/patients?q=garcia&page=2#top'],
    ['https://clinic.example.com/audit?size=100', '/audit?size=100'],
    // Encoded forms stay encoded: on this origin they are only odd paths.
    ['/%09/evil.example', '/%09/evil.example'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    // Relative paths resolve under the origin's root.
    ['patients', '/patients'],
    ['/patients/../admin', '/admin'],
    // The page's own scheme without slashes is a relative path, to browsers too.
    ['https:evil.example', '/evil.example'],
  ])('keeps the path of %j', (value, path) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(path);
  });

  it('accepts only paths when it does not know the origin', () => {
    expect(safeCallbackPath('/patients')).toBe('/patients');
    expect(safeCallbackPath('https://clinic.example.com/patients')).toBe('/');
  });
});

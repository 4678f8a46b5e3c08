import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('patients-2026-05-01.csv')).toBe(
      `attachment; filename="patients-2026-05-01.csv"; filename*=UTF-8''patients-2026-05-01.csv`,
    );
    expect(contentDisposition('Zoë’s résumé (1).pdf')).toBe(
      `attachment; filename="Zoe_s resume (1).pdf"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20r%C3%A9sum%C3%A9%20%281%29.pdf`,
    );
  });

  it('never lets a name break out of the header or name a path', () => {
    const header = contentDisposition('../../a"b\\c\r\nSet-Cookie: x=1;.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(
      /^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/,
    );
    expect(contentDisposition('')).toBe(
      `attachment; filename="download"; filename*=UTF-8''download`,
    );
  });

  it('property: any name gives a well-formed header whose extended form decodes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        const header = contentDisposition(name);
        const m =
          /^attachment; filename="([\x20-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(
            header,
          );
        expect(m).not.toBeNull();
        expect(m![1]).not.toMatch(/["\\%]/);
        const decoded = decodeURIComponent(m![2]!);
        // eslint-disable-next-line no-control-regex
        expect(decoded).not.toMatch(/[\u0000-\u001f\u007f/\\]/);
      }),
    );
  });
});

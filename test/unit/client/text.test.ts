import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reflow } from '../../../client/src/model/text.ts';

describe('reflow', () => {
  it('joins wrapped lines and keeps short lines, blank lines and numbered paragraphs', () => {
    const text = [
      'SIPDIS',
      'TAGS: PREL IR',
      '',
      '1. (C) Summary. Someone told London Iran Watcher that Iran cooperation',
      'on security in Iraq would be forthcoming.',
      '2. (C) Second paragraph starts here and is long enough to be wrapped at',
      'the end of the line.',
      '   indented line',
      'END SUMMARY.',
    ].join('\n');
    assert.equal(
      reflow(text),
      [
        'SIPDIS',
        'TAGS: PREL IR',
        '',
        '1. (C) Summary. Someone told London Iran Watcher that Iran cooperation on security in Iraq would be forthcoming.',
        '2. (C) Second paragraph starts here and is long enough to be wrapped at the end of the line.',
        '   indented line',
        'END SUMMARY.',
      ].join('\n'),
    );
  });

  it('keeps every non-space character', () => {
    const text = 'a'.repeat(60) + '\n<script>x</script> &amp;\n\nb';
    assert.equal(reflow(text).replace(/\s/g, ''), text.replace(/\s/g, ''));
  });
});

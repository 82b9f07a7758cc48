import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeDoc, encodeDoc } from '../../../client/src/model/url.ts';
import { emptyDoc } from '../../../client/src/model/view.ts';
import { UNSIZED_RADIUS, nodeRadius } from '../../../client/src/render/theme.ts';

it('sizes nodes by connections, or cables by how often they are cited', () => {
  const hub = { kind: 'cable' as const, degree: 40, citedBy: 0 };
  const cited = { kind: 'cable' as const, degree: 3, citedBy: 7 };
  const post = { kind: 'post' as const, degree: 40 };
  assert.ok(nodeRadius(hub) > nodeRadius(cited), 'by connections the busy cable is bigger');
  assert.ok(nodeRadius(cited, 'citedBy') > nodeRadius(hub, 'citedBy'), 'by citations the cited one is');
  assert.equal(nodeRadius(hub, 'citedBy'), 4, 'an uncited cable is drawn smallest');
  assert.equal(nodeRadius({ kind: 'cable', degree: 3 }, 'citedBy'), 4, 'no count (a stub from an older answer) is drawn smallest');
  assert.equal(nodeRadius(post, 'citedBy'), UNSIZED_RADIUS, 'size by citations applies to cables only: posts and tags get one modest size');
  assert.equal(nodeRadius({ kind: 'tag', degree: 5000 }, 'citedBy'), UNSIZED_RADIUS, 'a huge tag is not drawn huge');
  assert.ok(nodeRadius({ kind: 'cable', degree: 0, citedBy: 1e9 }, 'citedBy') <= 24, 'capped');
});

it('keeps the size choice in the URL', () => {
  assert.equal(decodeDoc(encodeDoc({ ...emptyDoc(), sizeBy: 'citedBy' })).doc.sizeBy, 'citedBy');
  assert.ok(encodeDoc({ ...emptyDoc(), sizeBy: 'citedBy' }).includes('size=cited'));
  assert.equal(decodeDoc(encodeDoc(emptyDoc())).doc.sizeBy, undefined, 'connections is the default and not written');
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readServerSettings } from '../../../server/src/settings.ts';

describe('server settings', () => {
  it('defaults: loopback on port 3000, no token, hub threshold 40, at most 60 new nodes', () => {
    const s = readServerSettings({});
    assert.equal(s.exposure.host, '127.0.0.1');
    assert.equal(s.exposure.port, 3000);
    assert.equal(s.exposure.token, null);
    assert.deepEqual(s.explorer, { hubThreshold: 40, maxNewNodes: 60 });
  });

  it('reads every variable from the one environment it is given', () => {
    const s = readServerSettings({ PORT: '8080', HOST: 'localhost', CABLESCOPE_HUB_THRESHOLD: '25', CABLESCOPE_MAX_NEW_NODES: '100' });
    assert.equal(s.exposure.port, 8080);
    assert.equal(s.exposure.host, 'localhost');
    assert.deepEqual(s.explorer, { hubThreshold: 25, maxNewNodes: 100 });
  });

  it('a bad value stops the server with the variable named', () => {
    assert.throws(() => readServerSettings({ PORT: 'abc' }), /PORT=abc/);
    assert.throws(() => readServerSettings({ PORT: '70000' }), /PORT=70000/);
    assert.throws(() => readServerSettings({ CABLESCOPE_MAX_NEW_NODES: '0' }), /CABLESCOPE_MAX_NEW_NODES/);
    assert.throws(() => readServerSettings({ PUBLIC_URL: 'not a url' }), /PUBLIC_URL/);
  });
});
